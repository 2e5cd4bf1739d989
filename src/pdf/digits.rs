//! Numbers written digit by digit into PDF syntax: a document writes thousands of them
//! (coordinates, object numbers, Unicode map entries), and a `format!` for each was a
//! measurable share of a briefing's CPU.

/// `n` in decimal, zeros in front up to `width` digits.
pub(super) fn decimal(out: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut start = buf.len();
    while n > 0 || buf.len() - start < width {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[start..]);
}

/// `n` in decimal, with a minus sign when negative.
pub(super) fn signed(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    decimal(out, n.unsigned_abs(), 1);
}

/// `value` as `width` upper-case hexadecimal digits, zeros in front.
pub(super) fn hex(out: &mut Vec<u8>, value: u32, width: usize) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in (0..width).rev() {
        out.push(DIGITS[((value >> (4 * shift)) & 0xF) as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl Fn(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn numbers_read_as_format_writes_them() {
        for (n, width) in [(0u64, 1), (7, 1), (7, 4), (1234, 2), (u64::MAX, 1)] {
            assert_eq!(written(|o| decimal(o, n, width)), format!("{n:0width$}"));
        }
        for n in [0i64, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(written(|o| signed(o, n)), n.to_string());
        }
        for (v, width) in [(0u32, 2), (0xAB, 2), (0x1EC7, 4), (0xD83D, 4), (0xFF, 4)] {
            assert_eq!(written(|o| hex(o, v, width)), format!("{v:0width$X}"));
        }
    }
}
