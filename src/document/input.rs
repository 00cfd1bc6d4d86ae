//! Placeholder input decoding until the document model lands.

#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

pub fn decode(bytes: &[u8], name: &str) -> Result<String, InputError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| InputError(format!("{name}: invalid UTF-8 at byte {}", e.utf8_error().valid_up_to())))
}
