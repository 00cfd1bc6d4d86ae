//! `accordlint serve`: a small static file server for the page in `www/`.
//!
//! The page checks drafts in the browser; this server only hands out its files. It exists so
//! that a negotiator (or a test) can open the page over `http://` with the right MIME types
//! (`application/wasm` is needed for streaming compilation) and with the security headers that
//! a `<meta>` tag cannot carry (`frame-ancestors`, COOP, Permissions-Policy). It answers GET
//! and HEAD only, never lists directories, never serves anything outside its root, and binds
//! to the loopback interface unless told otherwise.
//!
//! The page loads the WebAssembly package from `/pkg/`. That path is served from `<root>/pkg`
//! when it exists (a deployed copy), otherwise from the `pkg/` beside the root: in the
//! repository, `make pkg` builds into `pkg/` next to `www/`, and nothing has to be copied.

use std::io::{ErrorKind, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};

use tiny_http::{Method, Request, Server};

/// The page's Content-Security-Policy, sent as a header so that `frame-ancestors` applies
/// (browsers ignore it in a `<meta>` tag). Identical, apart from that directive, to the
/// policy in `www/index.html`.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
connect-src 'self'; img-src 'self' data:; style-src 'self'; worker-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Every powerful feature that Chromium knows denied (it warns on names it does not know),
/// except writing to the clipboard from the page itself: the "copy suggested clause" button
/// needs it.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), \
display-capture=(), encrypted-media=(), fullscreen=(), gamepad=(), geolocation=(), \
gyroscope=(), hid=(), idle-detection=(), local-fonts=(), magnetometer=(), microphone=(), \
midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), \
screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), clipboard-read=(), \
clipboard-write=(self)";

/// Headers sent with every answer, whatever its status.
const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
];

/// Serves `root` at `host:port` until the process is stopped, printing the address first.
pub fn serve(root: &Path, host: &str, port: u16) -> Result<(), String> {
    let server = StaticServer::bind(Site::new(root)?, host, port)?;
    if !server.address().ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which other machines on the network may reach; \
             use --host 127.0.0.1 to keep the page on this machine",
            server.address()
        );
    }
    match &server.site.package {
        Some(package) => println!(
            "Serving {} (and /pkg/ from {}) at {}",
            server.site.root.display(),
            package.display(),
            server.url()
        ),
        None => {
            eprintln!(
                "warning: no pkg/ in or beside {}: build the package with `make pkg`",
                server.site.root.display()
            );
            println!("Serving {} at {}", server.site.root.display(), server.url());
        }
    }
    println!("Press Ctrl-C to stop.");
    loop {
        server.handle_next()?;
    }
}

/// What is served: the page's folder, and the package's folder mounted at `/pkg/`.
#[derive(Debug)]
pub struct Site {
    root: PathBuf,
    package: Option<PathBuf>,
}

impl Site {
    /// Fixes the canonical folders: `root`, and `root/pkg` or else `root/../pkg` if either is a folder.
    pub fn new(root: &Path) -> Result<Site, String> {
        let root = root
            .canonicalize()
            .map_err(|error| format!("cannot serve {}: {error}", root.display()))?;
        if !root.is_dir() {
            return Err(format!("cannot serve {}: not a directory", root.display()));
        }
        let beside = root.parent().map(|parent| parent.join("pkg"));
        let package = [Some(root.join("pkg")), beside]
            .into_iter()
            .flatten()
            .find(|candidate| candidate.is_dir())
            .and_then(|candidate| candidate.canonicalize().ok());
        Ok(Site { root, package })
    }

    /// Decides the answer to `method url`.
    pub fn reply(&self, method: &Method, url: &str) -> Reply {
        if !matches!(method, Method::Get | Method::Head) {
            let mut answer = plain(405, "Only GET and HEAD are allowed.\n");
            answer.headers.push(("Allow", "GET, HEAD".to_string()));
            return answer;
        }
        let Some(path) = self.resolve(url) else {
            return plain(404, "Not found.\n");
        };
        match std::fs::read(&path) {
            Ok(body) => Reply {
                status: 200,
                headers: with_security_headers(vec![
                    ("Content-Type", content_type(&path).to_string()),
                    // Revalidate every time: the service worker, not the HTTP cache, keeps the
                    // offline copy, and a stale script beside a fresh .wasm would break the page.
                    ("Cache-Control", "no-cache".to_string()),
                ]),
                body,
            },
            Err(_) => plain(404, "Not found.\n"),
        }
    }

    /// Maps a request target to a file, or `None` when there is no such file or the target
    /// would leave its folder (`..`, symbolic links pointing out, encoded separators).
    fn resolve(&self, url: &str) -> Option<PathBuf> {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let decoded = percent_decode(path)?;
        if decoded.contains('\0') || decoded.contains('\\') {
            return None;
        }
        let (base, relative) = match (&self.package, decoded.strip_prefix("/pkg/")) {
            (Some(package), Some(inside)) => (package, inside),
            _ => (&self.root, decoded.trim_start_matches('/')),
        };
        file_inside(base, Path::new(relative))
    }
}

/// `base/relative` (or its index.html) when it is a file that stays inside `base`.
fn file_inside(base: &Path, relative: &Path) -> Option<PathBuf> {
    if relative
        .components()
        .any(|part| !matches!(part, Component::Normal(_)))
    {
        return None;
    }
    let mut candidate = base.join(relative);
    if candidate.is_dir() {
        candidate.push("index.html");
    }
    let canonical = candidate.canonicalize().ok()?;
    (canonical.starts_with(base) && canonical.is_file()).then_some(canonical)
}

/// A bound server: separate from [`serve`] so tests can bind to port 0 and answer one request.
pub struct StaticServer {
    site: Site,
    address: SocketAddr,
    http: Server,
}

impl StaticServer {
    /// Binds to `host:port` (port 0 picks a free port).
    pub fn bind(site: Site, host: &str, port: u16) -> Result<StaticServer, String> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let listener = TcpListener::bind((host, port))
            .map_err(|error| format!("cannot listen on {host}:{port}: {error}"))?;
        let address = listener
            .local_addr()
            .map_err(|error| format!("cannot read the bound address: {error}"))?;
        let http = Server::from_listener(listener, None)
            .map_err(|error| format!("cannot start the server: {error}"))?;
        Ok(StaticServer {
            site,
            address,
            http,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The page's address, as a browser wants it (IPv6 in brackets).
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Waits for one request and answers it. A client that hangs up early is not an error.
    pub fn handle_next(&self) -> Result<(), String> {
        let request = self
            .http
            .recv()
            .map_err(|error| format!("cannot accept a request: {error}"))?;
        self.answer(request);
        Ok(())
    }

    fn answer(&self, request: Request) {
        let head_only = *request.method() == Method::Head;
        let reply = self.site.reply(request.method(), request.url());
        let mut writer = request.into_writer();
        if let Err(error) = writer
            .write_all(&reply.to_http(head_only))
            .and_then(|()| writer.flush())
        {
            if error.kind() != ErrorKind::BrokenPipe && error.kind() != ErrorKind::ConnectionReset {
                eprintln!("warning: could not send a response: {error}");
            }
        }
    }
}

/// An answer, decided from the request line alone.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The whole HTTP/1.1 response, always with `Connection: close`. tiny_http keeps a
    /// pool thread per open connection and can leave a new connection queued behind idle
    /// keep-alive ones (browsers open several at once), so a page load could stall; closing
    /// after each answer frees the thread at once. Written here because tiny_http's
    /// `Response` refuses a `Connection` header.
    pub fn to_http(&self, head_only: bool) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            self.status,
            reason_phrase(self.status)
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut bytes = head.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

fn plain(status: u16, text: &str) -> Reply {
    Reply {
        status,
        headers: with_security_headers(vec![(
            "Content-Type",
            "text/plain; charset=utf-8".to_string(),
        )]),
        body: text.as_bytes().to_vec(),
    }
}

fn with_security_headers(mut headers: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    headers.extend(
        SECURITY_HEADERS
            .iter()
            .map(|(name, value)| (*name, value.to_string())),
    );
    headers
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The Content-Type for a file, by extension. `application/wasm` matters: browsers refuse
/// to compile a streamed module served as anything else.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("md") => "text/markdown; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("toml") => "application/toml",
        Some("ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh folder laid out like the repository: `www/` (the root), `pkg/` beside it, and
    /// `secret.txt` outside both; removed when the test is done with it.
    struct Layout(PathBuf);

    impl std::ops::Deref for Layout {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Layout {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn layout() -> Layout {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let base = Layout(std::env::temp_dir().join(format!(
            "accordlint-serve-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        )));
        std::fs::create_dir_all(base.join("www/js")).expect("create www");
        std::fs::create_dir_all(base.join("pkg")).expect("create pkg");
        std::fs::write(
            base.join("www/index.html"),
            "<!doctype html><title>t</title>",
        )
        .expect("write");
        std::fs::write(base.join("www/notes file.md"), "# notes").expect("write");
        std::fs::write(base.join("pkg/a.wasm"), b"\0asm\x01\0\0\0").expect("write");
        std::fs::write(base.join("secret.txt"), "secret").expect("write");
        base
    }

    fn site() -> (Site, Layout) {
        let base = layout();
        (Site::new(&base.join("www")).expect("site"), base)
    }

    fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
        reply
            .headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    #[test]
    fn serves_index_for_the_root_with_html_type_and_security_headers() {
        let (site, _layout) = site();
        let answer = site.reply(&Method::Get, "/");
        assert_eq!(answer.status, 200);
        assert_eq!(
            header(&answer, "Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(
            header(&answer, "Content-Security-Policy"),
            Some(CONTENT_SECURITY_POLICY)
        );
        assert_eq!(header(&answer, "X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(header(&answer, "Referrer-Policy"), Some("no-referrer"));
        assert_eq!(
            header(&answer, "Cross-Origin-Opener-Policy"),
            Some("same-origin")
        );
        assert!(String::from_utf8_lossy(&answer.body).contains("<title>t</title>"));
    }

    #[test]
    fn mounts_the_package_beside_the_root_at_pkg_as_application_wasm() {
        let (site, _layout) = site();
        let wasm = site.reply(&Method::Get, "/pkg/a.wasm?v=1");
        assert_eq!(wasm.status, 200);
        assert_eq!(header(&wasm, "Content-Type"), Some("application/wasm"));
        assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
        let spaced = site.reply(&Method::Head, "/notes%20file.md");
        assert_eq!(spaced.status, 200);
        assert_eq!(
            header(&spaced, "Content-Type"),
            Some("text/markdown; charset=utf-8")
        );
    }

    #[test]
    fn prefers_a_package_copied_inside_the_root() {
        let base = layout();
        std::fs::create_dir_all(base.join("www/pkg")).expect("create www/pkg");
        std::fs::write(base.join("www/pkg/a.wasm"), b"copy").expect("write");
        let site = Site::new(&base.join("www")).expect("site");
        assert_eq!(site.reply(&Method::Get, "/pkg/a.wasm").body, b"copy");
    }

    #[test]
    fn refuses_to_leave_the_root_or_the_package() {
        let (site, base) = site();
        assert!(base.join("secret.txt").is_file());
        for target in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/js/..%2f..%2fsecret.txt",
            "/pkg/../secret.txt",
            "/pkg/%2e%2e/secret.txt",
            "/pkg/..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "//etc/passwd",
            "/%00index.html",
            "/%zz",
        ] {
            let answer = site.reply(&Method::Get, target);
            assert_eq!(answer.status, 404, "{target} must not be served");
            assert!(
                !String::from_utf8_lossy(&answer.body).contains("secret"),
                "{target}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symbolic_links_that_point_outside() {
        let (site, base) = site();
        std::os::unix::fs::symlink(base.join("secret.txt"), base.join("www/link.txt"))
            .expect("link");
        std::os::unix::fs::symlink(base.join("secret.txt"), base.join("pkg/link.txt"))
            .expect("link");
        assert_eq!(site.reply(&Method::Get, "/link.txt").status, 404);
        assert_eq!(site.reply(&Method::Get, "/pkg/link.txt").status, 404);
    }

    #[test]
    fn answers_other_methods_with_405_and_missing_files_with_404() {
        let (site, _layout) = site();
        let post = site.reply(&Method::Post, "/");
        assert_eq!(post.status, 405);
        assert_eq!(header(&post, "Allow"), Some("GET, HEAD"));
        let missing = site.reply(&Method::Get, "/nothing.js");
        assert_eq!(missing.status, 404);
        assert_eq!(header(&missing, "X-Content-Type-Options"), Some("nosniff"));
    }

    #[test]
    fn writes_the_body_for_get_and_not_for_head() {
        let (site, _layout) = site();
        let answer = site.reply(&Method::Get, "/");
        let get = String::from_utf8(answer.to_http(false)).expect("utf-8");
        assert!(get.starts_with("HTTP/1.1 200 OK\r\n"), "{get}");
        assert!(
            get.ends_with("\r\n\r\n<!doctype html><title>t</title>"),
            "{get}"
        );
        let head = String::from_utf8(answer.to_http(true)).expect("utf-8");
        assert!(head.ends_with("Connection: close\r\n\r\n"), "{head}");
        let missing =
            String::from_utf8(site.reply(&Method::Get, "/x").to_http(false)).expect("utf-8");
        assert!(
            missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
            "{missing}"
        );
    }

    #[test]
    fn knows_the_page_mime_types() {
        let cases = [
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.mjs", "text/javascript; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.svg", "image/svg+xml"),
            ("a.md", "text/markdown; charset=utf-8"),
            ("noext", "application/octet-stream"),
        ];
        for (name, expected) in cases {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn answers_over_http_on_loopback() {
        let (site, _layout) = site();
        let server = StaticServer::bind(site, "127.0.0.1", 0).expect("bind");
        assert!(server.address().ip().is_loopback());
        assert!(server.url().starts_with("http://127.0.0.1:"));
        let address = server.address();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).expect("connect");
            stream
                .write_all(b"HEAD /pkg/a.wasm HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .expect("send");
            let mut text = String::new();
            stream.read_to_string(&mut text).expect("read");
            text
        });
        server.handle_next().expect("answer");
        let text = client.join().expect("client thread");
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        let lower = text.to_ascii_lowercase();
        assert!(lower.contains("content-type: application/wasm"), "{text}");
        assert!(lower.contains("frame-ancestors 'none'"), "{text}");
        assert!(lower.contains("connection: close"), "{text}");
        assert!(lower.contains("content-length: 8\r\n"), "{text}");
        assert!(
            text.ends_with("\r\n\r\n"),
            "HEAD must carry no body: {text:?}"
        );
    }

    #[test]
    fn reports_a_missing_root() {
        let error = Site::new(Path::new("/nonexistent/accordlint")).expect_err("must fail");
        assert!(error.contains("/nonexistent/accordlint"), "{error}");
    }
}
