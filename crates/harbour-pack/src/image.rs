//! The agency logo: a PNG or JPEG, checked by its first bytes and by reading
//! its header for the size, without decoding the picture itself. A PNG's chunks
//! are walked with their CRCs; a JPEG's segments are walked up to its frame header.

use crate::content::ImageKind;
use crate::limits::MAX_LOGO_SIDE;

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// The kind, width and height of a PNG or JPEG, or what is wrong with it.
pub fn sniff(bytes: &[u8]) -> Result<(ImageKind, u32, u32), String> {
    let (kind, w, h) = if bytes.starts_with(PNG_SIGNATURE) {
        let (w, h) = png(bytes)?;
        (ImageKind::Png, w, h)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (w, h) = jpeg(bytes)?;
        (ImageKind::Jpeg, w, h)
    } else {
        return Err("not a PNG or JPEG file".into());
    };
    if w == 0 || h == 0 || w > MAX_LOGO_SIDE || h > MAX_LOGO_SIDE {
        return Err(format!("{w} by {h} pixels; each side must be 1 to {MAX_LOGO_SIDE}"));
    }
    Ok((kind, w, h))
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn crc32(parts: &[&[u8]]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for part in parts {
        for &byte in *part {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
    }
    !crc
}

fn png(bytes: &[u8]) -> Result<(u32, u32), String> {
    let mut at = PNG_SIGNATURE.len();
    let mut size = None;
    let mut palette = false;
    let mut needs_palette = false;
    let mut idat = false;
    loop {
        let header = bytes.get(at..at + 8).ok_or("PNG ends before IEND")?;
        let len = be32(&header[0..4]);
        let kind = &header[4..8];
        if len > 0x7FFF_FFFF || !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err("PNG chunk header is damaged".into());
        }
        let len = len as usize;
        let data = bytes.get(at + 8..at + 8 + len).ok_or("PNG chunk runs past the end")?;
        let crc = bytes.get(at + 8 + len..at + 12 + len).ok_or("PNG chunk runs past the end")?;
        if crc32(&[kind, data]) != be32(crc) {
            return Err("PNG chunk CRC does not match".into());
        }
        at += 12 + len;
        match (kind, size) {
            (b"IHDR", None) => {
                if len != 13 {
                    return Err("PNG IHDR has the wrong length".into());
                }
                let (w, h, depth, colour) = (be32(&data[0..4]), be32(&data[4..8]), data[8], data[9]);
                let depth_ok = match colour {
                    0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
                    3 => matches!(depth, 1 | 2 | 4 | 8),
                    2 | 4 | 6 => matches!(depth, 8 | 16),
                    _ => false,
                };
                if !depth_ok || data[10] != 0 || data[11] != 0 || data[12] > 1 {
                    return Err("PNG IHDR has settings no PNG uses".into());
                }
                needs_palette = colour == 3;
                size = Some((w, h));
            }
            (_, None) => return Err("PNG does not start with IHDR".into()),
            (b"IHDR", Some(_)) => return Err("PNG has two IHDR chunks".into()),
            (b"PLTE", Some(_)) => palette = true,
            (b"IDAT", Some(_)) => {
                if needs_palette && !palette {
                    return Err("PNG palette image has no palette".into());
                }
                idat = true;
            }
            (b"IEND", Some(dims)) => {
                if !idat {
                    return Err("PNG has no image data".into());
                }
                if at != bytes.len() {
                    return Err("PNG has extra bytes after IEND".into());
                }
                return Ok(dims);
            }
            _ => {}
        }
    }
}

fn jpeg(bytes: &[u8]) -> Result<(u32, u32), String> {
    if !bytes.ends_with(&[0xFF, 0xD9]) {
        return Err("JPEG does not end with its end marker".into());
    }
    let mut at = 2;
    loop {
        if *bytes.get(at).ok_or("JPEG ends before its frame header")? != 0xFF {
            return Err("JPEG segment marker is missing".into());
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at).ok_or("JPEG ends before its frame header")?;
        at += 1;
        match marker {
            0x01 | 0xD0..=0xD7 => continue,
            0xD8 | 0xD9 | 0xDA | 0x00 => return Err("JPEG has no frame header before its image data".into()),
            _ => {}
        }
        let len_bytes = bytes.get(at..at + 2).ok_or("JPEG segment runs past the end")?;
        let len = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
        if len < 2 {
            return Err("JPEG segment length is damaged".into());
        }
        let seg = bytes.get(at + 2..at + len).ok_or("JPEG segment runs past the end")?;
        at += len;
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            if seg.len() < 6 {
                return Err("JPEG frame header is too short".into());
            }
            let precision = seg[0];
            let h = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let w = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            let components = usize::from(seg[5]);
            if !matches!(precision, 8 | 12 | 16) || !(1..=4).contains(&components) || seg.len() < 6 + 3 * components {
                return Err("JPEG frame header has settings no JPEG uses".into());
            }
            return Ok((w, h));
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc32(&[kind, data]).to_be_bytes());
        out
    }

    /// A valid 1 by 1 grey PNG, or one `w` by `h` whose pixel data is not checked.
    pub(crate) fn tiny_png(w: u32, h: u32) -> Vec<u8> {
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        let mut out = PNG_SIGNATURE.to_vec();
        out.extend(chunk(b"IHDR", &ihdr));
        // zlib stream of the one scanline [filter 0, pixel 0x80], stored block.
        out.extend(chunk(b"IDAT", &[0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81]));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    pub(crate) fn tiny_jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        let mut sof = vec![0xFF, 0xC0, 0x00, 0x0B, 8];
        sof.extend_from_slice(&h.to_be_bytes());
        sof.extend_from_slice(&w.to_be_bytes());
        sof.extend_from_slice(&[1, 1, 0x11, 0]);
        out.extend(sof);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    #[test]
    fn reads_png_and_jpeg_sizes() {
        assert_eq!(sniff(&tiny_png(1, 1)), Ok((ImageKind::Png, 1, 1)));
        assert_eq!(sniff(&tiny_png(300, 120)), Ok((ImageKind::Png, 300, 120)));
        assert_eq!(sniff(&tiny_jpeg(640, 200)), Ok((ImageKind::Jpeg, 640, 200)));
    }

    #[test]
    fn the_example_logo_is_a_png() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/agency/logo.png")).unwrap();
        let (kind, w, h) = sniff(&bytes).unwrap();
        assert_eq!(kind, ImageKind::Png);
        assert!(w > 0 && h > 0);
    }

    #[test]
    fn refuses_what_is_not_an_image() {
        let png = tiny_png(2, 2);
        let cases: Vec<Vec<u8>> = vec![
            b"GIF89a....".to_vec(),
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
            PNG_SIGNATURE.to_vec(),
            png[..png.len() - 1].to_vec(),
            [png.clone(), b"extra".to_vec()].concat(),
            {
                let mut p = png.clone();
                p[17] ^= 1; // a width byte: the CRC no longer matches
                p
            },
            tiny_png(0, 5),
            tiny_png(5000, 5),
            vec![0xFF, 0xD8, 0xFF, 0xD9],
            tiny_jpeg(0, 10),
            tiny_jpeg(10, 10)[..20].to_vec(),
            [PNG_SIGNATURE.to_vec(), b"<script>alert(1)</script>".to_vec()].concat(),
        ];
        for (i, c) in cases.iter().enumerate() {
            assert!(sniff(c).is_err(), "case {i}");
        }
    }
}
