//! lintkit's native extension: the sentence-end scanner (`lintkit.segmenter.segment` with
//! `splits=True`), a substring search for many needles (`lintkit.literals.find_all`), the
//! paragraphs, their parts and the quotations (`lintkit.structure.split_paragraphs` and
//! `classify`, `lintkit.quotes.find_quotations`), the set of a text's words
//! (`Document.tokens`), and one call for the word count and the repeated-word gate
//! (`scan_words`, for the Document's `words` and `has_doubled_word`, which is never false
//! where the rule's pattern matches).
//!
//! It gives exactly what the Python code gives, which stays the reference and the fallback:
//! `tests/test_native.py` compares the two on every text in the repository and on generated
//! text. What it does itself is the scan: `_END`'s matches as the `regex` package finds them
//! (ordered alternatives, greedy runs, the lookahead), the token before each, and the common
//! case, a period after an ordinary word. Every other decision is Python's own `_boundary`,
//! called back, so the rules about abbreviations, initials and ellipses live in one place.
//!
//! Offsets are Python's (code points): the text is read as UCS-4 (any code point, a lone
//! surrogate too, and no UTF-8 copy kept on the string), and tokens are Python's own slices.

use std::cell::RefCell;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::GILProtected;
use pyo3::types::{PyList, PyString, PyTuple};

/// What this module's answers are (lintkit checks it, and ignores a build of another).
const PROTOCOL: u32 = 12;

/// `regex`'s `\s` on a str pattern: Unicode White_Space, which is what `char::is_whitespace`
/// tests.
#[inline]
fn is_space(u: u32) -> bool {
    char::from_u32(u).is_some_and(char::is_whitespace)
}

/// `str.isspace`: White_Space and the four ASCII information separators.
#[inline]
fn py_isspace(u: u32) -> bool {
    if u < 128 {
        ascii_space(u) // (the common case, without the Unicode table)
    } else {
        is_space(u)
    }
}

/// `str.isspace` of an ASCII code point.
#[inline]
const fn ascii_space(u: u32) -> bool {
    matches!(u, 9..=13 | 28..=32)
}

/// A code point as a char, for matching against literals (a surrogate matches none).
#[inline]
fn ch(u: u32) -> char {
    char::from_u32(u).unwrap_or('\u{fffd}')
}

/// `_END`'s `close` group: `[”’"'»)\]]`.
#[inline]
fn is_close(u: u32) -> bool {
    matches!(ch(u), '”' | '’' | '"' | '\'' | '»' | ')' | ']')
}

/// `_END`'s `open` group: `[“"‘'«(\[•⁃]`.
#[inline]
fn is_open(u: u32) -> bool {
    matches!(ch(u), '“' | '"' | '‘' | '\'' | '«' | '(' | '[' | '•' | '⁃')
}

/// What ends a token read backwards (`_TOKEN_BACK`: `[^ \n\t\u00a0]*`).
#[inline]
fn ends_token(u: u32) -> bool {
    matches!(ch(u), ' ' | '\n' | '\t' | '\u{a0}')
}

/// `_OPENERS`, stripped from the front of a token.
#[inline]
fn is_opener(u: u32) -> bool {
    matches!(
        ch(u),
        '“' | '"' | '‘' | '\'' | '«' | '(' | '[' | '—' | '–' | '-'
    )
}

/// One match of `_END`.
struct End {
    start: usize,
    punct_end: usize,
    close_end: usize,
    /// where the lookahead's whitespace ends (`open`'s start); None when it matched `$`
    open_start: Option<usize>,
    open_end: usize,
}

/// The lookahead `(?=\s+(?P<open>…)(?P<word>…)?|$)` at `q`, within `t[..endpos]`. Its first
/// branch cannot fail once a space is there (the rest may be empty), and Python's `$`
/// matches at the end or before a final line feed.
fn ahead(t: &[u32], q: usize, endpos: usize) -> Option<(Option<usize>, usize)> {
    if q < endpos && is_space(t[q]) {
        let mut i = q;
        while i < endpos && is_space(t[i]) {
            i += 1;
        }
        let open_start = i;
        while i < endpos && is_open(t[i]) {
            i += 1;
        }
        return Some((Some(open_start), i));
    }
    if q == endpos || (q + 1 == endpos && t[q] == u32::from('\n')) {
        return Some((None, q));
    }
    None
}

/// The closing marks after the punctuation ending at `q`, then the lookahead. Only the
/// longest run of marks can succeed: a shorter one leaves a mark next, which is neither a
/// space nor the end.
fn closed(t: &[u32], p: usize, q: usize, endpos: usize) -> Option<End> {
    let mut k = q;
    while k < endpos && is_close(t[k]) {
        k += 1;
    }
    let (open_start, open_end) = ahead(t, k, endpos)?;
    Some(End {
        start: p,
        punct_end: q,
        close_end: k,
        open_start,
        open_end,
    })
}

/// `_END` tried at `p`: its alternatives in order, each from its longest run (the regex
/// engine backtracks to shorter ones, which only the spaced ellipsis can match with).
fn match_at(t: &[u32], p: usize, endpos: usize) -> Option<End> {
    let c = ch(t[p]);
    if c == '.' {
        // (?:\.[ \u00a0]){2,}\.
        let mut reps = 0;
        while p + 2 * reps + 1 < endpos
            && ch(t[p + 2 * reps]) == '.'
            && matches!(ch(t[p + 2 * reps + 1]), ' ' | '\u{a0}')
        {
            reps += 1;
        }
        let mut r = reps;
        while r >= 2 {
            if p + 2 * r < endpos && ch(t[p + 2 * r]) == '.' {
                if let Some(m) = closed(t, p, p + 2 * r + 1, endpos) {
                    return Some(m);
                }
            }
            r -= 1;
        }
        // \.{2,}: only the longest run can succeed (a shorter one leaves a period next,
        // which is neither a closing mark, a space nor the end)
        let n = t[p..endpos].iter().take_while(|&&u| ch(u) == '.').count();
        if n >= 2 {
            if let Some(m) = closed(t, p, p + n, endpos) {
                return Some(m);
            }
        }
    }
    if c == '…' {
        if let Some(m) = closed(t, p, p + 1, endpos) {
            return Some(m);
        }
    }
    if matches!(c, '.' | '!' | '?') {
        // [.!?]+: the longest run, for the same reason
        let n = t[p..endpos]
            .iter()
            .take_while(|&&u| matches!(ch(u), '.' | '!' | '?'))
            .count();
        if let Some(m) = closed(t, p, p + n, endpos) {
            return Some(m);
        }
    }
    None
}

/// The text's code points, as Python indexes them.
fn ucs4(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    let n = text.len()?;
    let mut buffer: Vec<u32> = vec![0; n + 1];
    // SAFETY: the buffer holds n + 1 code points, the length PyUnicode_AsUCS4 is given; the
    // string is alive (borrowed) for the call.
    let done = unsafe {
        ffi::PyUnicode_AsUCS4(
            text.as_ptr(),
            buffer.as_mut_ptr(),
            (n + 1) as ffi::Py_ssize_t,
            1,
        )
    };
    if done.is_null() {
        return Err(PyErr::fetch(text.py()));
    }
    buffer.truncate(n);
    Ok(buffer)
}

/// The last text read whole, with its code points: a Document hands the same str to every
/// call on its text (splits, paragraphs, parts, quotations, word count, the name search),
/// and each would otherwise copy it again. The str is held, so no other object can take its address while
/// it is kept; texts longer than `KEPT_MAX` code points are not kept (their copy would
/// outlive the call, four bytes a code point).
static LAST: GILProtected<RefCell<Option<(Py<PyString>, Arc<Vec<u32>>)>>> =
    GILProtected::new(RefCell::new(None));

const KEPT_MAX: usize = 1 << 20;

/// `ucs4(text)`, shared with the calls before when they read the same str object.
fn points(text: &Bound<'_, PyString>) -> PyResult<Arc<Vec<u32>>> {
    let last = LAST.get(text.py());
    if let Some((held, points)) = &*last.borrow() {
        if held.as_ptr() == text.as_ptr() {
            return Ok(Arc::clone(points));
        }
    }
    let read = Arc::new(ucs4(text)?);
    if read.len() <= KEPT_MAX {
        let kept = (text.clone().unbind(), Arc::clone(&read));
        // the str it replaces is let go after the cell is released (its last reference may
        // run Python code, which must not find the cell borrowed)
        let previous = last.borrow_mut().replace(kept);
        drop(previous);
    }
    Ok(read)
}

/// `text[start:end]`, made by Python.
fn slice<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: PyUnicode_Substring returns a new reference, or NULL with an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyUnicode_Substring(
                text.as_ptr(),
                start as ffi::Py_ssize_t,
                end as ffi::Py_ssize_t,
            ),
        )
    }
}

const FULL_STOP: u32 = 0x2e;
const EXCLAMATION: u32 = 0x21;
const QUESTION: u32 = 0x3f;
const ELLIPSIS: u32 = 0x2026;

/// Whether a code point may begin `_END`'s punctuation.
#[inline]
fn is_end(u: u32) -> bool {
    matches!(u, FULL_STOP | EXCLAMATION | QUESTION | ELLIPSIS)
}

/// The first offset from `p` where `is_end` holds, or `end`. Sixteen code points are tested
/// at a time without a branch between them (the compiler makes that vector code): a
/// paragraph has one such character in about eighty.
fn next_end(t: &[u32], mut p: usize, end: usize) -> usize {
    const WIDTH: usize = 16;
    while p + WIDTH <= end {
        // (equalities or-ed as integers: the compiler makes vector compares of them)
        let hits = t[p..p + WIDTH].iter().fold(0u8, |hit, &u| {
            hit | u8::from(u == FULL_STOP)
                | u8::from(u == EXCLAMATION)
                | u8::from(u == QUESTION)
                | u8::from(u == ELLIPSIS)
        });
        if hits != 0 {
            break;
        }
        p += WIDTH;
    }
    while p < end && !is_end(t[p]) {
        p += 1;
    }
    p
}

type Alloc = unsafe extern "C" fn(*mut ffi::PyTypeObject, ffi::Py_ssize_t) -> *mut ffi::PyObject;

/// The allocator of a tuple subclass (the Sentence class), to make its instances directly
/// rather than through `tuple.__new__(Sentence, items)` (an argument tuple, a call and a
/// copy for each of the ~20 a document has); None when the type does not give one.
fn allocator(cls: &Bound<'_, PyAny>) -> Option<Alloc> {
    let Ok(ty) = cls.downcast::<pyo3::types::PyType>() else {
        return None;
    };
    // tuple.__new__(cls, items) makes its instance the same way (tuple_subtype_new): the
    // type's tp_alloc for n items, then each item set (the class's own __new__ is not run
    // either way)
    // SAFETY: PyType_GetSlot reads a slot of a live type object (a heap type: a class).
    let slot = unsafe { ffi::PyType_GetSlot(ty.as_type_ptr(), ffi::Py_tp_alloc) };
    if slot.is_null() || !ty.is_subclass_of::<PyTuple>().unwrap_or(false) {
        return None;
    }
    // SAFETY: the tp_alloc slot holds a function of exactly this signature.
    Some(unsafe { std::mem::transmute::<*mut std::ffi::c_void, Alloc>(slot) })
}

/// An instance of the tuple subclass `cls` holding `items`, as `tuple.__new__(cls, items)`
/// makes it.
fn filled<'py, const N: usize>(
    py: Python<'py>,
    alloc: Alloc,
    cls: &Bound<'py, PyAny>,
    items: [PyObject; N],
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `cls` is a live tuple subclass and `alloc` its tp_alloc (see `allocator`): it
    // returns a new reference to an instance of N empty item slots, or NULL with an
    // exception set. Each PyTuple_SetItem steals one reference into a slot of an object no
    // one else holds yet (its reference count is 1, which PyTuple_SetItem requires).
    unsafe {
        let obj = alloc(
            cls.as_ptr().cast::<ffi::PyTypeObject>(),
            N as ffi::Py_ssize_t,
        );
        let obj = Bound::from_owned_ptr_or_err(py, obj)?;
        for (i, item) in items.into_iter().enumerate() {
            if ffi::PyTuple_SetItem(obj.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(obj)
    }
}

/// The functions and values of lintkit's segmenter the scan calls back or hands out.
#[pyclass(frozen)]
struct Segmenter {
    listed: PyObject,    // abbreviations.listed (a frozenset)
    boundary: PyObject,  // boundary(punct, token, text, word_at, end, quoted) -> Opener | None
    paragraph: PyObject, // Opener.PARAGRAPH
    period: PyObject,    // Opener.PERIOD
    sentence: PyObject,  // the Sentence class
    make: PyObject,      // tuple.__new__
}

#[pymethods]
impl Segmenter {
    #[new]
    fn new(
        listed: PyObject,
        boundary: PyObject,
        paragraph: PyObject,
        period: PyObject,
        sentence: PyObject,
        make: PyObject,
    ) -> Self {
        Segmenter {
            listed,
            boundary,
            paragraph,
            period,
            sentence,
            make,
        }
    }

    /// Every paragraph's splits, in order: `segment(text, start, end, index, …, splits=True)`
    /// for each (start, end, index) given.
    fn splits<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
        paragraphs: Vec<(usize, usize, usize)>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = points(text)?;
        let listed = self.listed.bind(py);
        let boundary = self.boundary.bind(py);
        let sentence = self.sentence.bind(py);
        let make = self.make.bind(py);
        let out = PyList::empty_bound(py);
        let empty = PyString::new_bound(py, "").into_any();
        let alloc = allocator(sentence);
        for (first, end, index) in paragraphs {
            let end = end.min(t.len());
            let mut start = first;
            while start < end && py_isspace(t[start]) {
                start += 1;
            }
            if start >= end {
                continue;
            }
            let mut sent_start = start;
            let mut opener: PyObject = self.paragraph.clone_ref(py);
            let mut break_at: isize = -1;
            let mut prev_token = empty.clone();
            let mut p = start;
            let row =
                |a: usize, b: usize, opener: &PyObject, brk: isize, tok: &Bound<'py, PyAny>| {
                    let items = [
                        a.into_py(py),
                        b.into_py(py),
                        index.into_py(py),
                        opener.clone_ref(py),
                        brk.into_py(py),
                        tok.clone().unbind(),
                    ];
                    match alloc {
                        Some(alloc) => filled(py, alloc, sentence, items),
                        None => make.call1((sentence, PyTuple::new_bound(py, items))),
                    }
                };
            while p < end {
                p = next_end(&t, p, end);
                if p >= end {
                    break;
                }
                let Some(m) = match_at(&t, p, end) else {
                    p += 1;
                    continue;
                };
                let Some(opens_at) = m.open_start else { break };
                if m.close_end >= end {
                    break;
                }
                let at = m.start;
                let mut from = at;
                while from > start && !ends_token(t[from - 1]) {
                    from -= 1;
                }
                while from < at && is_opener(t[from]) {
                    from += 1;
                }
                let token_py = slice(py, text, from, at)?;
                let ordinary = m.punct_end - m.start == 1
                    && ch(t[m.start]) == '.'
                    && at - from > 1
                    && !t[from..at].contains(&u32::from('.'))
                    && !listed.contains(&token_py)?;
                let kind: PyObject = if ordinary {
                    self.period.clone_ref(py)
                } else {
                    let punct = slice(py, text, m.start, m.punct_end)?;
                    let quoted = m.open_end > opens_at;
                    boundary
                        .call1((punct, &token_py, text, m.open_end, end, quoted))?
                        .unbind()
                };
                if kind.is_none(py) {
                    p = m.close_end;
                    continue;
                }
                out.append(row(
                    sent_start,
                    m.close_end,
                    &opener,
                    break_at,
                    &prev_token,
                )?)?;
                sent_start = opens_at;
                opener = kind;
                break_at = at as isize;
                prev_token = token_py;
                if sent_start >= end {
                    break;
                }
                p = m.close_end;
            }
            if sent_start < end {
                let mut stop = end;
                while stop > sent_start && py_isspace(t[stop - 1]) {
                    stop -= 1;
                }
                out.append(row(sent_start, stop, &opener, break_at, &prev_token)?)?;
            }
        }
        Ok(out)
    }
}

/// Per needle, every start Python's `text.find(needle, at)` gives from 0 and then from the end
/// of each occurrence (`lintkit.literals.find_all`), those of whole words only when `before`
/// and `after` are given: the character before (after) the occurrence, if any, is neither
/// alphanumeric (`str.isalnum`) nor one of `before` (`after`). One call for a document's
/// needles, each searched with SIMD over the text's code points as bytes. An empty needle is
/// refused.
#[pyfunction]
#[pyo3(signature = (text, needles, before=None, after=None))]
fn find_all<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    needles: Vec<Bound<'py, PyString>>,
    before: Option<&Bound<'py, PyString>>,
    after: Option<&Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyList>> {
    let haystack = points(text)?;
    let hay = as_bytes(&haystack);
    let before = before.map(ucs4).transpose()?;
    let after = after.map(ucs4).transpose()?;
    // whether a code point next to an occurrence stops it from being a whole word
    let joins =
        |u: u32, also: &[u32]| -> PyResult<bool> { Ok(also.contains(&u) || isalnum(py, u)?) };
    let out = PyList::empty_bound(py);
    for needle in &needles {
        let needle = ucs4(needle)?;
        if needle.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err("an empty needle"));
        }
        let finder = memchr::memmem::Finder::new(as_bytes(&needle));
        let width = needle.len() * 4;
        let starts = PyList::empty_bound(py);
        let mut from = 0;
        while let Some(found) = finder.find(&hay[from..]) {
            let at = from + found;
            if at % 4 != 0 {
                from = at + 1; // bytes across two code points: not an occurrence
                continue;
            }
            from = at + width;
            let (start, end) = (at / 4, at / 4 + needle.len());
            if let Some(also) = &before {
                if start > 0 && joins(haystack[start - 1], also)? {
                    continue;
                }
            }
            if let Some(also) = &after {
                if end < haystack.len() && joins(haystack[end], also)? {
                    continue;
                }
            }
            starts.append(start)?;
        }
        out.append(starts)?;
    }
    Ok(out)
}

/// One call for the Document, on its text read once: its word count and whether some word
/// may follow itself (`lintkit.document.Document`: `words` and `has_doubled_word`).
///
/// The word count is `len(text.split())`: the runs of characters between Python's whitespace,
/// counted without making the words.
///
/// The second answer is whether some word may follow itself across one space or tab, the
/// repeated-word rule's match (MT005: a word of letters after a character that is not a word
/// character, a space or tab, then the same word in any case, beginning with a lowercase
/// letter): never false where that pattern matches, and false on most articles, so the
/// rule's own pattern runs only where it may find something.
///
/// Letters are read loosely, so that Unicode tables of another version cannot make this
/// miss a match: every non-ASCII character may be a letter, may be followed by the start of
/// a word (but ’, which the pattern names) and may equal any character in another case. ASCII
/// is exact: the pattern's word begins after an ASCII character that is not a word
/// character, a hyphen, an apostrophe or a period, and its second copy begins with a
/// lowercase letter where that is ASCII.
#[pyfunction]
fn scan_words(text: &Bound<'_, PyString>) -> PyResult<(usize, bool)> {
    let t = points(text)?;
    Ok((count_words(&t), may_double(&t)))
}

/// `len(text.split())`.
fn count_words(t: &[u32]) -> usize {
    words_up_to(t, usize::MAX)
}

/// The words of `t` (runs between Python's whitespace, as `str.split()` makes them),
/// counted no further than `limit + 1`.
fn words_up_to(t: &[u32], limit: usize) -> usize {
    let mut words = 0;
    let mut inside = false; // within a run of characters that are not whitespace
    for &u in t {
        let space = match ASCII.get(u as usize) {
            Some(&class) => class & SPACE != 0, // (one table read for ASCII)
            None => is_space(u),
        };
        words += usize::from(!inside && !space); // (no branch: word starts are irregular)
        if words > limit {
            break;
        }
        inside = !space;
    }
    words
}

/// Whether a word may follow itself (see `scan_words`). Read forward: where the word that
/// ends at each space or tab began, and whether it holds a non-ASCII character.
fn may_double(t: &[u32]) -> bool {
    let mut run = 0; // where the run of possible word characters that ends here began
    let mut wide = false; // whether that run holds a non-ASCII character
    for (i, &u) in t.iter().enumerate() {
        let class = ASCII.get(u as usize).copied().unwrap_or(WIDE);
        if class & BLANK != 0 {
            if i > run {
                let next = t.get(i + 1).copied().unwrap_or(32);
                // the copy's first letter against the word's (ASCII: equal in any case)
                let first = t[run];
                let same = first >= 128
                    || next >= 128
                    || (first as u8).eq_ignore_ascii_case(&(next as u8));
                if (next >= 128 || (next as u8).is_ascii_lowercase())
                    && (same && copies(t, run, i)
                        || wide
                            && (run + 1..i).any(|s| {
                                t[s - 1] >= 128 && t[s - 1] != RIGHT_QUOTE && copies(t, s, i)
                            }))
                {
                    return true;
                }
            }
            run = i + 1;
            wide = false;
        } else if class & WIDE != 0 {
            wide = true;
        } else if class & WORDLIKE == 0 {
            run = i + 1; // an ASCII character the pattern lets a word follow
            wide = false;
        }
    }
    false
}

/// What a character is to `words_up_to` and `may_double`: Python's whitespace
/// (`str.isspace`), a space or tab (where a doubled word's copies meet), one a word of the
/// repeated-word pattern cannot follow (word characters, the hyphen, the apostrophe and the
/// period), or not ASCII.
const SPACE: u8 = 1;
const BLANK: u8 = 2;
const WORDLIKE: u8 = 4;
const WIDE: u8 = 8;

/// The class of each ASCII character.
const ASCII: [u8; 128] = {
    let mut table = [0; 128];
    let mut c = 0;
    while c < 128 {
        let u = c as u8;
        if ascii_space(c as u32) {
            table[c] |= SPACE;
        }
        if matches!(u, b' ' | b'\t') {
            table[c] |= BLANK;
        }
        if matches!(u, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-' | b'\'' | b'.') {
            table[c] |= WORDLIKE;
        }
        c += 1;
    }
    table
};

const RIGHT_QUOTE: u32 = 0x2019; // ’, which the pattern names beside the word characters

/// Whether `t[start..space]` may be followed, after the space, by itself in another case,
/// ending where a word may end (not before a word character, a hyphen or an apostrophe: the
/// `WORDLIKE` characters but the period).
fn copies(t: &[u32], start: usize, space: usize) -> bool {
    let len = space - start;
    let after = space + 1;
    let end = after + len;
    end <= t.len()
        && t[start..space]
            .iter()
            .zip(&t[after..end])
            .all(|(&a, &b)| a >= 128 || b >= 128 || (a as u8).eq_ignore_ascii_case(&(b as u8)))
        && match t.get(end) {
            None => true, // (a match, not `is_none_or`: Rust 1.82, newer than the rest needs)
            Some(&u) if u < 128 => ASCII[u as usize] & WORDLIKE == 0 || u == u32::from(b'.'),
            Some(&u) => u != RIGHT_QUOTE,
        }
}

/// The distinct words of a lower-cased text as a frozenset: what
/// `frozenset(lintkit.phrases.lowered_tokens(lowered))` gives (the text split at Python's
/// whitespace and at `separators`), without a string made for each repeated word. Each
/// distinct word is made once, by Python, as a slice of `lowered`.
#[pyfunction]
fn word_set<'py>(
    py: Python<'py>,
    lowered: &Bound<'py, PyString>,
    separators: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyAny>> {
    let t = ucs4(lowered)?;
    let extra = ucs4(separators)?;
    let mut ascii = [false; 128];
    for u in 0..128u32 {
        ascii[u as usize] = py_isspace(u);
    }
    for &u in &extra {
        if u < 128 {
            ascii[u as usize] = true;
        }
    }
    let wide: Vec<u32> = extra.iter().copied().filter(|&u| u >= 128).collect();
    let splits = |u: u32| -> bool {
        if u < 128 {
            ascii[u as usize]
        } else {
            py_isspace(u) || wide.contains(&u)
        }
    };
    // SAFETY: PyFrozenSet_New(NULL) returns a new empty frozenset or NULL with an exception.
    let set =
        unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyFrozenSet_New(std::ptr::null_mut()))? };
    let mut seen: std::collections::HashSet<Word<'_>, BuildHasherDefault<Given>> =
        std::collections::HashSet::with_capacity_and_hasher(256, Default::default());
    let mut start: Option<usize> = None; // where the word being read began
    let mut hash = 0u64;
    for (i, &u) in t.iter().enumerate() {
        if splits(u) {
            if let Some(s) = start.take() {
                if seen.insert(Word {
                    hash,
                    chars: &t[s..i],
                }) {
                    add_slice(py, &set, lowered, s, i)?;
                }
            }
        } else {
            if start.is_none() {
                start = Some(i);
                hash = 0;
            }
            hash = (hash.rotate_left(5) ^ u64::from(u)).wrapping_mul(FX);
        }
    }
    if let Some(s) = start {
        if seen.insert(Word {
            hash,
            chars: &t[s..],
        }) {
            add_slice(py, &set, lowered, s, t.len())?;
        }
    }
    Ok(set)
}

/// `set.add(text[start:end])`, for a frozenset being filled.
fn add_slice(
    py: Python<'_>,
    set: &Bound<'_, PyAny>,
    text: &Bound<'_, PyString>,
    start: usize,
    end: usize,
) -> PyResult<()> {
    let word = slice(py, text, start, end)?;
    // SAFETY: a new frozenset not yet shared may be filled with PySet_Add.
    if unsafe { ffi::PySet_Add(set.as_ptr(), word.as_ptr()) } < 0 {
        return Err(PyErr::fetch(py));
    }
    Ok(())
}

/// A word of `word_set`'s table, with its hash worked out as the word was read (the Fx hash
/// of rustc, a multiply and a rotate a code point; the table is private to one call, so no
/// one can choose its collisions).
struct Word<'a> {
    hash: u64,
    chars: &'a [u32],
}

impl std::hash::Hash for Word<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Word<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.chars == other.chars
    }
}

impl Eq for Word<'_> {}

/// Takes a `Word`'s hash as it is.
#[derive(Default)]
struct Given(u64);

impl std::hash::Hasher for Given {
    fn write(&mut self, _: &[u8]) {
        unreachable!("a Word hashes as one u64")
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

const FX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Where a text's paragraphs are, as `lintkit.structure.split_paragraphs(text)` finds them
/// in a text without a carriage return (the caller sees to that; its Python twin stays the
/// reference): blocks separated by blank lines, and inside a block each line a paragraph
/// unless the block is hard-wrapped prose. `terminal` is `structure._TERMINAL.search`, asked
/// of the few blocks of several lines.
#[pyfunction]
fn paragraphs(
    text: &Bound<'_, PyString>,
    terminal: &Bound<'_, PyAny>,
) -> PyResult<Vec<(usize, usize)>> {
    let t = points(text)?;
    let end = t.len();
    let blocks = Blocks {
        t: &t,
        text,
        terminal,
    };
    let mut spans = Vec::new();
    let mut pos = 0; // where the block being read began
    let mut at = find_line_feed(&t, 0);
    while let Some(feed) = at {
        let mut after = feed + 1;
        while after < end && matches!(t[after], 32 | 9 | 12 | 11) {
            after += 1; // [ \t\f\v]
        }
        if after < end && t[after] == LINE_FEED {
            // a line with nothing but spaces: the block ends, and the spaces after it go
            let mut stop = after + 1;
            while stop < end && is_space(t[stop]) {
                stop += 1;
            }
            blocks.split(pos, feed, &mut spans)?;
            pos = stop;
            at = find_line_feed(&t, stop);
        } else {
            at = find_line_feed(&t, feed + 1);
        }
    }
    blocks.split(pos, end, &mut spans)?;
    Ok(spans)
}

const LINE_FEED: u32 = 10;

fn find_line_feed(t: &[u32], from: usize) -> Option<usize> {
    t.get(from..)?
        .iter()
        .position(|&u| u == LINE_FEED)
        .map(|i| from + i)
}

/// A text read block by block for its paragraphs (`structure._split_block`).
struct Blocks<'a, 'py> {
    t: &'a [u32],
    text: &'a Bound<'py, PyString>,
    terminal: &'a Bound<'py, PyAny>,
}

impl Blocks<'_, '_> {
    fn split(&self, start: usize, end: usize, out: &mut Vec<(usize, usize)>) -> PyResult<()> {
        let t = self.t;
        if start >= end {
            return Ok(());
        }
        let blank = |s: usize, e: usize| t[s..e].iter().all(|&u| py_isspace(u));
        if find_line_feed(&t[..end], start).is_none() {
            if !blank(start, end) {
                out.push((start, end)); // one line, as most blocks are
            }
            return Ok(());
        }
        let mut lines = Vec::new();
        let mut s = start;
        while s <= end {
            let e = find_line_feed(&t[..end], s).unwrap_or(end);
            if e > s && !blank(s, e) {
                lines.push((s, e));
            }
            s = e + 1;
        }
        match lines.as_slice() {
            [] => {}
            [(first, _), .., (_, last)] if self.hard_wrapped(&lines)? => out.push((*first, *last)),
            _ => out.extend(lines),
        }
        Ok(())
    }

    /// `structure._hard_wrapped`: most lines but the last are long and stop mid-sentence.
    fn hard_wrapped(&self, lines: &[(usize, usize)]) -> PyResult<bool> {
        let longest = lines.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
        let body = &lines[..lines.len() - 1];
        let mut wrapped = 0;
        for &(s, e) in body {
            if (e - s) as f64 >= 0.6 * longest as f64
                && longest >= 40
                && self.terminal.call1((self.text, s, e))?.is_none()
            {
                wrapped += 1;
            }
        }
        Ok(wrapped * 2 >= body.len() && wrapped > 0)
    }
}

/// What `lintkit.structure.classify` reads a paragraph's part by, given by Python once: the
/// words each part's pattern can begin (or end) with, and the patterns and tests that stay
/// Python's own.
#[pyclass(frozen)]
struct Shapes {
    byline_starts: Vec<Vec<u32>>,  // `_BYLINE_STARTS`
    caption_starts: Vec<Vec<u32>>, // `_CAPTION_STARTS`
    credit_starts: Vec<Vec<u32>>,  // `_CREDIT_STARTS`
    credit_ends: Vec<Vec<u32>>,    // `_CREDIT_ENDS`
    credit_words: Vec<Vec<u32>>,   // `_CREDIT_WORDS`, lower case
    byline: PyObject,              // `_BYLINE.match`
    credit: PyObject,              // `_CREDIT.match`
    caption: PyObject,             // `_CAPTION.match`
    terminal: PyObject,            // `_TERMINAL.search`
    may_be_credit: PyObject,       // `_may_be_credit`
}

#[pymethods]
impl Shapes {
    #[new]
    fn new(
        prefixes: [Vec<Bound<'_, PyString>>; 5],
        patterns: [PyObject; 4],
        may_be_credit: PyObject,
    ) -> PyResult<Self> {
        let [byline_starts, caption_starts, credit_starts, credit_ends, credit_words] =
            prefixes.map(|words| words.iter().map(ucs4).collect::<PyResult<Vec<_>>>());
        let [byline, credit, caption, terminal] = patterns;
        Ok(Shapes {
            byline_starts: byline_starts?,
            caption_starts: caption_starts?,
            credit_starts: credit_starts?,
            credit_ends: credit_ends?,
            credit_words: credit_words?,
            byline,
            credit,
            caption,
            terminal,
            may_be_credit,
        })
    }

    /// Each paragraph's part of the article, by its shape, as `classify` gives it where no
    /// markup reader knows the parts (its Python twin stays the reference): 0 body,
    /// 1 headline, 2 byline, 3 credit, 4 caption, 5 subhead (`structure._PARTS`). The
    /// patterns are asked of a paragraph's stripped text, and only where it begins or ends
    /// as their matches must; `_may_be_credit` where that depends on case folding beyond
    /// ASCII. The rest (word counts, a final period, line breaks) is read here.
    fn parts(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        spans: Vec<(usize, usize)>,
        detect_headline: bool,
    ) -> PyResult<Vec<u8>> {
        let t = points(text)?;
        let asks = |test: &PyObject, s: usize, e: usize| -> PyResult<Bound<'_, PyAny>> {
            test.bind(py).call1((slice(py, text, s, e)?,))
        };
        let full_stop = [FULL_STOP];
        let mut out = Vec::with_capacity(spans.len());
        for (index, &(start, end)) in spans.iter().enumerate() {
            let end = end.min(t.len());
            let (s, e) = stripped(&t, start.min(end), end);
            let line = &t[s..e];
            let part = if detect_headline
                && index == 0
                && spans.len() > 1
                && !line.ends_with(&full_stop)
                && !line.contains(&LINE_FEED)
                && at_most(line, 25)
            {
                1
            } else if index < 6
                && begins(line, &self.byline_starts)
                && !line.ends_with(&full_stop)
                && at_most(line, 12)
                && !asks(&self.byline, s, e)?.is_none()
            {
                2
            } else if match self.credit_shape(line) {
                Some(answer) => answer,
                None => asks(&self.may_be_credit, s, e)?.is_truthy()?,
            } && at_most(line, 30)
                && !asks(&self.credit, s, e)?.is_none()
            {
                3
            } else if begins(line, &self.caption_starts) && !asks(&self.caption, s, e)?.is_none() {
                4
            } else if at_most(line, 8) && asks(&self.terminal, s, e)?.is_none() {
                5
            } else {
                0
            };
            out.push(part);
        }
        Ok(out)
    }
}

impl Shapes {
    /// `structure._may_be_credit` of a stripped line: whether it begins or ends as every
    /// match of `_CREDIT` does; None where its first characters are not ASCII and it
    /// neither begins nor ends so (Python's case folding decides).
    fn credit_shape(&self, line: &[u32]) -> Option<bool> {
        if begins(line, &self.credit_starts) || self.credit_ends.iter().any(|w| line.ends_with(w)) {
            return Some(true);
        }
        let longest = self.credit_words.iter().map(Vec::len).max().unwrap_or(0);
        let head = &line[..line.len().min(longest)];
        if head.iter().any(|&u| u >= 128) {
            return None; // case folding beyond ASCII
        }
        let folded: Vec<u32> = head
            .iter()
            .map(|&u| u32::from((u as u8).to_ascii_lowercase()))
            .collect();
        Some(self.credit_words.iter().any(|w| folded.starts_with(w)))
    }
}

/// `text[start:end].strip()`'s bounds (Python's whitespace).
fn stripped(t: &[u32], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && py_isspace(t[start]) {
        start += 1;
    }
    while end > start && py_isspace(t[end - 1]) {
        end -= 1;
    }
    (start, end)
}

/// `line.startswith(prefixes)`.
fn begins(line: &[u32], prefixes: &[Vec<u32>]) -> bool {
    prefixes.iter().any(|p| line.starts_with(p))
}

/// `len(line.split(None, words)) <= words`: at most `words` words, counted no further.
fn at_most(line: &[u32], words: usize) -> bool {
    words_up_to(line, words) <= words
}

/// The direct quotations and quotation-mark problems of a text's paragraphs, as
/// `lintkit.quotes.find_quotations` finds them (its Python twin stays the reference): the
/// quotations' spans, merged, and the problems in the order the paragraphs meet them, each
/// as (offset, problem, continued) with the problem numbered as `quotes._PROBLEMS` (0
/// unclosed, 1 stray close, 2 unclosed single, 3 misoriented). `paragraphs` are (start,
/// end) in text order; `sentence_end` is `quotes._SENTENCE_END.search`, asked the rare
/// time a quotation opens while another is open; `opening_context` is
/// `quotes._OPENING_CONTEXT`. Letters, digits and spaces beside a mark
/// are tested by hand in ASCII, else by Python's own `str` methods.
#[pyfunction]
fn quotations(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    paragraphs: Vec<(usize, usize)>,
    sentence_end: &Bound<'_, PyAny>,
    opening_context: &Bound<'_, PyString>,
) -> PyResult<QuoteFinds> {
    let t = points(text)?;
    let opening = ucs4(opening_context)?;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut issues: Vec<(usize, u8, bool)> = Vec::new();
    for (k, &(start, end)) in paragraphs.iter().enumerate() {
        let end = end.min(t.len());
        if start >= end {
            continue;
        }
        let continues = paragraphs.get(k + 1).is_some_and(|&(next, _)| {
            next < t.len() && matches!(t[next], LEFT_DOUBLE | STRAIGHT_DOUBLE)
        });
        let marks = QuoteMarks {
            t: &t,
            start,
            end,
            text,
            sentence_end,
            opening: &opening,
        };
        marks.scan(py, continues, &mut spans, &mut issues)?;
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    Ok((merged, issues))
}

type QuoteFinds = (Vec<(usize, usize)>, Vec<(usize, u8, bool)>);

const LEFT_DOUBLE: u32 = 0x201C; // “
const RIGHT_DOUBLE: u32 = 0x201D; // ”
const STRAIGHT_DOUBLE: u32 = 0x22; // "
const LEFT_SINGLE: u32 = 0x2018; // ‘
const UNCLOSED: u8 = 0;
const STRAY_CLOSE: u8 = 1;
const UNCLOSED_SINGLE: u8 = 2;
const MISORIENTED: u8 = 3;

/// One paragraph of a text, read for its quotation marks (`quotes._scan`).
struct QuoteMarks<'a, 'py> {
    t: &'a [u32],
    start: usize,
    end: usize,
    text: &'a Bound<'py, PyString>,
    sentence_end: &'a Bound<'py, PyAny>,
    opening: &'a [u32], // `quotes._OPENING_CONTEXT`: what a mark after it opens
}

impl QuoteMarks<'_, '_> {
    fn scan(
        &self,
        py: Python<'_>,
        continues: bool,
        spans: &mut Vec<(usize, usize)>,
        issues: &mut Vec<(usize, u8, bool)>,
    ) -> PyResult<()> {
        let t = self.t;
        let mut open_double: Option<usize> = None;
        let mut open_single: Option<usize> = None;
        for pos in self.start..self.end {
            let mark = t[pos];
            if !matches!(
                mark,
                LEFT_DOUBLE | RIGHT_DOUBLE | STRAIGHT_DOUBLE | LEFT_SINGLE | RIGHT_QUOTE
            ) {
                continue;
            }
            let before = if pos > self.start { t[pos - 1] } else { 32 };
            let after = if pos + 1 < self.end { t[pos + 1] } else { 32 };
            if mark == LEFT_SINGLE {
                let opens = !isalnum(py, before)?
                    && (str_test(py, after, "isalpha", u8::is_ascii_alphabetic)?
                        || matches!(after, LEFT_DOUBLE | STRAIGHT_DOUBLE));
                if opens {
                    if let Some(open) = open_single {
                        issues.push((open, UNCLOSED_SINGLE, false));
                    }
                    open_single = Some(pos);
                }
                continue;
            }
            if mark == RIGHT_QUOTE {
                // an apostrophe unless it closes an open single quotation
                if let Some(open) = open_single {
                    if !isalnum(py, after)? && !py_isspace(before) {
                        spans.push((open, pos + 1));
                        open_single = None;
                    }
                }
                continue;
            }
            if mark == STRAIGHT_DOUBLE
                && open_double.is_none()
                && str_test(py, before, "isdigit", u8::is_ascii_digit)?
            {
                continue; // an inch mark: 5" screen
            }
            let opening = self.opens(py, mark, before, after, open_double.is_some())?;
            let turned = (mark == LEFT_DOUBLE && !opening) || (mark == RIGHT_DOUBLE && opening);
            if turned {
                issues.push((pos, MISORIENTED, false));
            }
            if opening {
                if let Some(open) = open_double {
                    if self.ends_sentence(pos)? {
                        spans.push((open, pos)); // paragraphs joined into one line
                    } else {
                        issues.push((open, UNCLOSED, false));
                    }
                }
                open_double = Some(pos);
            } else if let Some(open) = open_double {
                spans.push((open, pos + 1));
                open_double = None;
            } else if !turned {
                issues.push((pos, STRAY_CLOSE, false));
            }
        }
        if let Some(open) = open_single {
            issues.push((open, UNCLOSED_SINGLE, false));
        }
        if let Some(open) = open_double {
            issues.push((open, UNCLOSED, continues));
            spans.push((open, self.end));
        }
        Ok(())
    }

    /// `quotes._opens`: whether a double quotation mark opens a quotation.
    fn opens(
        &self,
        py: Python<'_>,
        mark: u32,
        before: u32,
        after: u32,
        inside: bool,
    ) -> PyResult<bool> {
        if py_isspace(after)
            || matches!(
                ch(after),
                ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}'
            )
        {
            return Ok(false);
        }
        if self.opening.contains(&before) {
            return Ok(true);
        }
        Ok(match mark {
            LEFT_DOUBLE => {
                !isalnum(py, before)? && !matches!(ch(before), ',' | '.' | ';' | ':' | '!' | '?')
            }
            STRAIGHT_DOUBLE => !inside,
            _ => false,
        })
    }

    /// Whether a sentence ends just before `pos` (`_SENTENCE_END` in the four characters
    /// before it, within the paragraph), asked of the pattern itself.
    fn ends_sentence(&self, pos: usize) -> PyResult<bool> {
        let from = self.start.max(pos.saturating_sub(4));
        Ok(!self.sentence_end.call1((self.text, from, pos))?.is_none())
    }
}

/// A `str` test (`isalnum`, `isalpha`, `isdigit`) of one code point: `ascii` for ASCII,
/// else asked of Python (its Unicode tables, whatever its version); a lone surrogate passes
/// none.
fn str_test(py: Python<'_>, u: u32, method: &str, ascii: fn(&u8) -> bool) -> PyResult<bool> {
    if u < 128 {
        return Ok(ascii(&(u as u8)));
    }
    match char::from_u32(u) {
        Some(c) => PyString::new_bound(py, c.encode_utf8(&mut [0; 4]))
            .call_method0(method)?
            .extract(),
        None => Ok(false),
    }
}

/// `str.isalnum` of one code point: by hand for ASCII, else asked of Python (its Unicode
/// tables, whatever its version), which text beside a word rarely needs.
fn isalnum(py: Python<'_>, u: u32) -> PyResult<bool> {
    str_test(py, u, "isalnum", u8::is_ascii_alphanumeric)
}

/// Code points as the bytes that hold them (native order): a needle's bytes meet a text's at
/// a multiple of four exactly where its code points do.
fn as_bytes(points: &[u32]) -> &[u8] {
    // SAFETY: u8 has no alignment; the slice covers exactly the memory of `points`.
    unsafe { std::slice::from_raw_parts(points.as_ptr().cast::<u8>(), points.len() * 4) }
}

#[pymodule]
fn lintkit_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("PROTOCOL", PROTOCOL)?;
    m.add_class::<Segmenter>()?;
    m.add_function(wrap_pyfunction!(find_all, m)?)?;
    m.add_function(wrap_pyfunction!(scan_words, m)?)?;
    m.add_function(wrap_pyfunction!(quotations, m)?)?;
    m.add_function(wrap_pyfunction!(paragraphs, m)?)?;
    m.add_class::<Shapes>()?;
    m.add_function(wrap_pyfunction!(word_set, m)?)?;
    Ok(())
}
