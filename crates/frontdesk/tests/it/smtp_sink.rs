//! A mail server for tests: speaks just enough SMTP on 127.0.0.1 to receive what Frontdesk
//! sends, records each envelope and message, and can refuse the next transactions with a
//! given reply (a 4xx to be retried, a 5xx to be given up).

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One message the sink accepted.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as transmitted, dot-stuffing undone.
    pub data: Vec<u8>,
}

impl Received {
    /// The message, parsed.
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parseable message")
    }
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    refusals: VecDeque<String>,
    transactions: usize,
}

/// A running sink; it stops with the test's runtime.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Self {
            port: listener.local_addr().unwrap().port(),
            shared: Arc::default(),
        };
        let shared = sink.shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, shared.clone()));
            }
        });
        sink
    }

    /// Answers the next transaction's MAIL command with `reply` (e.g. `451 4.3.0 Busy`).
    pub fn refuse_next(&self, reply: &str) {
        self.shared
            .lock()
            .unwrap()
            .refusals
            .push_back(reply.to_owned());
    }

    /// Everything accepted so far.
    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// How many transactions were started (accepted or refused).
    pub fn transactions(&self) -> usize {
        self.shared.lock().unwrap().transactions
    }

    /// Waits (up to 20 s) until `count` messages were accepted; returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..200 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {count} e-mails, the sink has {}",
            self.received().len()
        );
    }
}

/// One reply line as sent.
fn reply(text: String) -> Vec<u8> {
    let mut out = text.into_bytes();
    out.extend_from_slice(b"\r\n");
    out
}

/// The address between `<` and `>` of a MAIL or RCPT command.
fn path_of(args: &str) -> String {
    let start = args.find('<').map_or(0, |i| i + 1);
    let end = args[start..].find('>').map_or(args.len(), |i| start + i);
    args[start..end].to_owned()
}

async fn serve(stream: TcpStream, shared: Arc<Mutex<Shared>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut envelope: Option<(String, Vec<String>)> = None;
    if write
        .write_all(&reply("220 sink ESMTP".into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        let mut line = String::new();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let line = line.trim_end();
        let (verb, args) = line.split_once([' ', ':']).unwrap_or((line, ""));
        let answer = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8".to_owned(),
            "HELO" | "NOOP" => "250 OK".to_owned(),
            "RSET" => {
                envelope = None;
                "250 OK".to_owned()
            }
            "MAIL" => {
                let mut shared = shared.lock().unwrap();
                shared.transactions += 1;
                match shared.refusals.pop_front() {
                    Some(refusal) => refusal,
                    None => {
                        envelope = Some((path_of(args), Vec::new()));
                        "250 OK".to_owned()
                    }
                }
            }
            "RCPT" => match envelope.as_mut() {
                Some((_, to)) => {
                    to.push(path_of(args));
                    "250 OK".to_owned()
                }
                None => "503 5.5.1 MAIL first".to_owned(),
            },
            "DATA" => {
                let Some((from, to)) = envelope.take() else {
                    let _ = write.write_all(&reply("503 5.5.1 MAIL first".into())).await;
                    continue;
                };
                if write
                    .write_all(&reply("354 go ahead".into()))
                    .await
                    .is_err()
                {
                    return;
                }
                let mut data = Vec::new();
                loop {
                    let mut raw = Vec::new();
                    match lines.read_until(b'\n', &mut raw).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if raw == b".\r\n" || raw == b".\n" {
                        break;
                    }
                    let unstuffed = if raw.starts_with(b"..") {
                        &raw[1..]
                    } else {
                        &raw[..]
                    };
                    data.extend_from_slice(unstuffed);
                }
                shared.lock().unwrap().received.push(Received {
                    mail_from: from,
                    rcpt_to: to,
                    data,
                });
                "250 2.0.0 queued".to_owned()
            }
            "QUIT" => {
                let _ = write.write_all(&reply("221 bye".into())).await;
                return;
            }
            _ => "502 5.5.2 not implemented".to_owned(),
        };
        if write.write_all(&reply(answer)).await.is_err() {
            return;
        }
    }
}
