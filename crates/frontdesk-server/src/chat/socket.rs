//! What both sockets share: sending frames, closing with a code, buffer sizes, errors.

use crate::bus::Event;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use frontdesk_core::wire::MAX_FRAME_BYTES;
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::broadcast;

/// A reason to end a connection, sent to the client as a close frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Close {
    pub code: u16,
    pub reason: &'static str,
}

/// Close codes of protocol v1 (docs/protocol.md).
pub mod codes {
    use super::Close;
    pub const SESSION_ENDED: Close = Close {
        code: 4401,
        reason: "log in again",
    };
    pub const FORGED_TOKEN: Close = Close {
        code: 4401,
        reason: "invalid visitor token",
    };
    pub const BANNED: Close = Close {
        code: 4403,
        reason: "banned",
    };
    /// The chat box forgets the visitor and starts over, as after an unknown token.
    pub const ERASED: Close = Close {
        code: 4401,
        reason: "visitor erased",
    };
    pub const TOO_MANY_BAD_FRAMES: Close = Close {
        code: 4400,
        reason: "too many malformed frames",
    };
    pub const TIMEOUT: Close = Close {
        code: 4408,
        reason: "no traffic",
    };
    pub const GOING_AWAY: Close = Close {
        code: 1001,
        reason: "server shutting down",
    };
    pub const TOO_LARGE: Close = Close {
        code: 1009,
        reason: "frame too large",
    };
}

/// Malformed frames tolerated before the connection is closed.
pub const MAX_BAD_FRAMES: u32 = 10;

/// Frames above the protocol limit but below this get a `too_long` error and the connection
/// goes on; larger ones end the connection with 1009 before they are buffered.
const HARD_FRAME_LIMIT: usize = 4 * MAX_FRAME_BYTES;

/// Buffers are set explicitly: the library's 128 KiB read buffer would cost 128 KiB per idle
/// visitor, and frames are small.
pub fn configure(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .read_buffer_size(4 * 1024)
        .write_buffer_size(4 * 1024)
        .max_write_buffer_size(256 * 1024)
        .max_message_size(HARD_FRAME_LIMIT)
        .max_frame_size(HARD_FRAME_LIMIT)
}

/// Sends one JSON frame; an error means the peer is gone.
pub async fn send<T: Serialize>(socket: &mut WebSocket, frame: &T) -> Result<(), axum::Error> {
    let text = serde_json::to_string(frame).map_err(axum::Error::new)?;
    socket.send(Message::Text(text.into())).await
}

/// Closes the socket with a code and reason.
pub async fn close(socket: &mut WebSocket, close: &Close) {
    let _ = socket
        .send(Message::Close(Some(CloseFrame {
            code: close.code,
            reason: close.reason.into(),
        })))
        .await;
}

/// Receives from an optional subscription; pending forever when there is none, so it can
/// sit in a `select!` beside the socket.
pub async fn recv_opt(
    rx: &mut Option<broadcast::Receiver<Arc<Event>>>,
) -> Result<Arc<Event>, broadcast::error::RecvError> {
    match rx {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// An `error` frame's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameRefusal {
    pub code: &'static str,
    pub message: String,
    /// The client id of the refused message, if the frame carried one.
    pub client_id: Option<String>,
}

impl FrameRefusal {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            client_id: None,
        }
    }

    /// The same refusal, naming the message it refuses.
    pub fn for_message(mut self, client_id: &str) -> Self {
        self.client_id = Some(client_id.to_owned());
        self
    }
}
