//! The WebSocket client side: sockets from chosen source addresses, JSON frames, waits.

use anyhow::{bail, Context};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use std::{net::SocketAddr, time::Duration};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::{
    client_async_with_config,
    tungstenite::{
        client::IntoClientRequest,
        http::{HeaderName, HeaderValue},
        protocol::WebSocketConfig,
        Message,
    },
    WebSocketStream,
};

pub type Socket = WebSocketStream<TcpStream>;

/// Small buffers: the harness holds as many sockets as the server, and the library's default
/// 128 KiB read buffer would make the load generator the memory hog.
fn config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
}

/// Where one side of a connection comes from: loopback addresses 127.0.0.1… in turn, since
/// one source address has only ~28,000 ephemeral ports towards one server port.
pub fn source_ip(n: usize, spread: u8) -> std::net::Ipv4Addr {
    std::net::Ipv4Addr::new(127, 0, 0, 1 + (n % usize::from(spread.max(1))) as u8)
}

/// Opens a WebSocket to `url` from `source`, with extra request headers.
pub async fn connect(
    url: &str,
    source: std::net::Ipv4Addr,
    headers: &[(&str, &str)],
) -> anyhow::Result<Socket> {
    let mut request = url.into_client_request()?;
    for (name, value) in headers {
        request.headers_mut().insert(
            HeaderName::from_bytes(name.as_bytes())?,
            HeaderValue::from_str(value)?,
        );
    }
    let uri = request.uri();
    let addr: SocketAddr = format!(
        "{}:{}",
        uri.host().context("host")?,
        uri.port_u16().unwrap_or(80)
    )
    .parse()?;
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((source, 0)))?;
    let stream = socket.connect(addr).await?;
    stream.set_nodelay(true)?;
    let (ws, _) = client_async_with_config(request, stream, Some(config())).await?;
    Ok(ws)
}

pub async fn send(socket: &mut Socket, frame: &Value) -> anyhow::Result<()> {
    socket.send(Message::Text(frame.to_string().into())).await?;
    Ok(())
}

/// The next JSON frame, skipping control frames; an error once the socket ends.
pub async fn next(socket: &mut Socket) -> anyhow::Result<Value> {
    loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => return Ok(serde_json::from_str(&text)?),
            Some(Ok(Message::Close(frame))) => bail!("closed: {frame:?}"),
            Some(Ok(_)) => {}
            Some(Err(err)) => return Err(err.into()),
            None => bail!("socket ended"),
        }
    }
}

/// The next frame of type `kind` that satisfies `pred`, within `limit`.
pub async fn wait_for(
    socket: &mut Socket,
    kind: &str,
    pred: impl Fn(&Value) -> bool,
    limit: Duration,
) -> anyhow::Result<Value> {
    tokio::time::timeout(limit, async {
        loop {
            let frame = next(socket).await?;
            if frame["type"] == kind && pred(&frame) {
                return Ok(frame);
            }
        }
    })
    .await
    .with_context(|| format!("no {kind} frame within {limit:?}"))?
}
