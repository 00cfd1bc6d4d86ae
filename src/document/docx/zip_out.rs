//! A minimal ZIP writer for the annotated copy.
//!
//! The copy needs only two things: entries taken over from the original with their
//! compressed bytes untouched, and a few rewritten XML parts. Writing those by hand, stored
//! without compression, keeps the zip crate's writer and its compressors out of the
//! WebAssembly build (they cost more than the rest of the .docx support together); the
//! price is that the rewritten parts are larger than Word would write them.

use super::error::DocxError;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// ZIP 2.0: deflate, no ZIP64.
const VERSION: u16 = 20;
const FLAG_UTF8_NAME: u16 = 0x0800;
const METHOD_STORED: u16 = 0;

/// What an entry's headers say, besides its name.
#[derive(Debug, Clone, Copy)]
pub struct EntryHeader {
    pub flags: u16,
    pub method: u16,
    pub dos_time: u16,
    pub dos_date: u16,
    pub crc32: u32,
    pub compressed_size: u64,
    pub size: u64,
}

#[derive(Default)]
pub struct ZipOut {
    bytes: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl ZipOut {
    /// Adds an entry whose data is already in its final (compressed) form.
    pub fn add_raw(
        &mut self,
        name: &[u8],
        header: EntryHeader,
        data: &[u8],
    ) -> Result<(), DocxError> {
        let too_big = || DocxError::Write {
            detail: "the copy would exceed 4 GiB".to_string(),
        };
        let offset = u32::try_from(self.bytes.len()).map_err(|_| too_big())?;
        let compressed = u32::try_from(header.compressed_size).map_err(|_| too_big())?;
        let size = u32::try_from(header.size).map_err(|_| too_big())?;
        let name_length = u16::try_from(name.len()).map_err(|_| DocxError::Write {
            detail: "an entry name is too long".to_string(),
        })?;
        // Sizes always stand in the headers here, so no data descriptor follows the data.
        let flags = header.flags & FLAG_UTF8_NAME;

        let local = &mut self.bytes;
        put32(local, LOCAL_HEADER);
        put16(local, VERSION);
        for field in [flags, header.method, header.dos_time, header.dos_date] {
            put16(local, field);
        }
        for field in [header.crc32, compressed, size] {
            put32(local, field);
        }
        put16(local, name_length);
        put16(local, 0);
        local.extend_from_slice(name);
        local.extend_from_slice(data);

        let central = &mut self.central;
        put32(central, CENTRAL_HEADER);
        put16(central, VERSION);
        put16(central, VERSION);
        for field in [flags, header.method, header.dos_time, header.dos_date] {
            put16(central, field);
        }
        for field in [header.crc32, compressed, size] {
            put32(central, field);
        }
        for field in [name_length, 0, 0, 0, 0] {
            put16(central, field);
        }
        put32(central, 0);
        put32(central, offset);
        central.extend_from_slice(name);

        self.entries = self
            .entries
            .checked_add(1)
            .ok_or_else(|| DocxError::Write {
                detail: "too many entries".to_string(),
            })?;
        Ok(())
    }

    /// Adds an entry stored without compression.
    pub fn add_stored(
        &mut self,
        name: &str,
        data: &[u8],
        dos_time: u16,
        dos_date: u16,
    ) -> Result<(), DocxError> {
        let flags = if name.is_ascii() { 0 } else { FLAG_UTF8_NAME };
        let header = EntryHeader {
            flags,
            method: METHOD_STORED,
            dos_time,
            dos_date,
            crc32: crc32(data),
            compressed_size: data.len() as u64,
            size: data.len() as u64,
        };
        self.add_raw(name.as_bytes(), header, data)
    }

    pub fn finish(mut self) -> Result<Vec<u8>, DocxError> {
        let too_big = || DocxError::Write {
            detail: "the copy would exceed 4 GiB".to_string(),
        };
        let directory_offset = u32::try_from(self.bytes.len()).map_err(|_| too_big())?;
        let directory_size = u32::try_from(self.central.len()).map_err(|_| too_big())?;
        self.bytes.append(&mut self.central);
        let out = &mut self.bytes;
        put32(out, END_OF_CENTRAL_DIRECTORY);
        for field in [0, 0, self.entries, self.entries] {
            put16(out, field);
        }
        put32(out, directory_size);
        put32(out, directory_offset);
        put16(out, 0);
        Ok(self.bytes)
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// CRC-32 (IEEE 802.3), as ZIP uses it.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = crc_table();
    !data.iter().fold(!0u32, |crc, &byte| {
        TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8)
    })
}

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut value = i as u32;
        let mut bit = 0;
        while bit < 8 {
            value = if value & 1 == 1 {
                0xEDB8_8320 ^ (value >> 1)
            } else {
                value >> 1
            };
            bit += 1;
        }
        table[i] = value;
        i += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn written_archives_read_back_with_the_zip_crate() {
        let mut out = ZipOut::default();
        out.add_stored("[Content_Types].xml", b"<Types/>", 0, 0x21)
            .unwrap();
        out.add_stored("word/données.xml", "é".as_bytes(), 0, 0x21)
            .unwrap();
        let bytes = out.finish().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut text = String::new();
        archive
            .by_name("word/données.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "é");
    }
}
