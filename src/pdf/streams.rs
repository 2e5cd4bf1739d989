//! The streams of the finished document: every stream deflated so that none ends in an
//! ambiguous CR.

/// Deflate level for every stream. Measured on the 2020 briefings: level 9 (lopdf's own
/// `compress`) took about half of all rendering time for under 1% smaller files.
const DEFLATE_LEVEL: u32 = 6;

/// Deflates at `DEFLATE_LEVEL` with one zlib state, reset between inputs: the same bytes as
/// a new encoder each time, without setting one up for every stream.
pub(super) struct Deflater {
    z: flate2::Compress,
}

impl Deflater {
    pub(super) fn new() -> Deflater {
        Deflater {
            z: flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true),
        }
    }

    /// `data`, deflated in a zlib wrapper.
    pub(super) fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.z.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(self.z.total_in()).ok()?;
            let status = self
                .z
                .compress_vec(&data[consumed..], &mut out, flate2::FlushCompress::Finish)
                .ok()?;
            if status == flate2::Status::StreamEnd {
                return Some(out);
            }
            out.reserve(out.capacity().max(256));
        }
    }

    /// `data` deflated so that the result does not end in CR, and how many newlines that
    /// took after `data`. lopdf ends stream data with "\n" before `endstream`, so data whose
    /// last byte is CR reads as ending in a CRLF end-of-line, one byte short of its /Length
    /// (PDF/A-2 6.1.7.1; about one stream in 256). The last byte of zlib data is the low byte
    /// of the Adler-32 sum of the input: each newline added adds 10 to it (a zero byte would
    /// add nothing). Only for data a newline may follow: text, and a font's last table.
    pub(super) fn deflate_unambiguous(&mut self, data: &[u8]) -> Option<(Vec<u8>, usize)> {
        let mut compressed = self.deflate(data)?;
        let mut padded: Option<Vec<u8>> = None;
        while compressed.last() == Some(&b'\r')
            && padded.as_ref().map_or(0, Vec::len) < data.len() + 8
        {
            let more = padded.get_or_insert_with(|| data.to_vec());
            more.push(b'\n');
            compressed = self.deflate(more)?;
        }
        Some((compressed, padded.map_or(0, |p| p.len() - data.len())))
    }
}

/// Compresses every stream that has no filter yet.
pub(super) fn compress_streams(doc: &mut lopdf::Document, deflater: &mut Deflater) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") || !stream.allows_compression {
            continue;
        }
        let Some((compressed, newlines)) = deflater.deflate_unambiguous(&stream.content) else {
            continue;
        };
        if compressed.len() < stream.content.len() {
            if newlines > 0
                && let Ok(length) = stream.dict.get(b"Length1").and_then(lopdf::Object::as_i64)
            {
                // The font program now ends with those newlines.
                stream
                    .dict
                    .set("Length1", lopdf::Object::Integer(length + newlines as i64));
            }
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}
