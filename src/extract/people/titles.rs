//! Titles and the names they lead to: title heads ("Bí thư", "Phó Chủ tịch"), cues
//! (honorifics, ranks, degrees), and the scans of a title forwards to a name or its end,
//! and of the titles written before and after a name.

use super::words::{is_cap, is_lower, is_name_word, max_name, phrase_at, text_of, text_words, W};
use super::PeopleWords;

/// The longest run of capitalised words looked at (a place and a name), and the longest
/// title: bounds on the work per word, whatever the input.
const MAX_RUN: usize = 10;
const MAX_TITLE: usize = 30;

pub(super) enum Scan {
    /// The title ends before this word.
    Title(usize),
    /// A cue (honorific, rank) follows the title at this word.
    Cue(usize),
    /// A personal name ends the title.
    Name(usize, usize),
}

impl PeopleWords {
    /// A title opening at word `i` (capitalised unless `lowercase_ok`): its head's length.
    pub(super) fn title_head(&self, ws: &[W], i: usize, lowercase_ok: bool) -> Option<usize> {
        if i >= ws.len() || !(is_cap(&ws[i]) || (lowercase_ok && is_lower(&ws[i]))) {
            return None;
        }
        // "Phó Chủ tịch", "Phó Trưởng ban": the deputy of any title.
        if ws[i].lower == "phó" && ws[i].after.is_none() {
            if let Some(n) = self.title_head(ws, i + 1, true) {
                return Some(n + 1);
            }
        }
        let listed = phrase_at(ws, i, &self.title_heads);
        // "Đồn trưởng", "Tham mưu trưởng", "Sư đoàn trưởng": a unit and "trưởng".
        let chief = (1..=2).find(|&n| {
            i + n < ws.len()
                && ws[i + n].lower == "trưởng"
                && ws[i..i + n].iter().all(|w| w.after.is_none())
                && ws[i + 1..i + n].iter().all(|w| matches!(w.lower.as_str(), "đoàn" | "mưu" | "huy" | "đội"))
        });
        // In lower case only a listed head of two words or more ("phó chủ tịch"), never
        // "trưởng" alone ("tăng trưởng").
        if is_lower(&ws[i]) {
            return listed.filter(|&n| n >= 2);
        }
        match (listed, chief) {
            (Some(a), Some(b)) => Some(a.max(b + 1)),
            (a, b) => a.or(b.map(|n| n + 1)),
        }
    }

    /// Whether word `j` (inside a run of capitalised words) starts a title or a body.
    pub(super) fn breaks_name(&self, ws: &[W], j: usize) -> bool {
        self.break_words.contains(ws[j].text.as_str())
            || (is_cap(&ws[j]) && phrase_at(ws, j, &self.body_heads).is_some())
            || (self.listed_head(ws, j) && ws.get(j + 1 + usize::from(ws[j].lower == "phó")).is_some_and(is_lower))
    }

    /// Whether titles follow the name ending before word `e`: after a comma or a dash
    /// ("Name, Title", "Name-Title"), in brackets, or straight after it where a title that
    /// no name can be ends the run ("Đỗ Văn Nam Phó Bí thư …").
    pub(super) fn titles_follow(&self, ws: &[W], e: usize) -> bool {
        matches!(ws[e - 1].after, Some(',' | '-'))
            || ws.get(e).is_some_and(|w| w.before == Some('('))
            || (ws[e - 1].after.is_none() && e < ws.len() && self.listed_head(ws, e) && self.breaks_name(ws, e))
    }

    /// A listed title at word `j` ("Bí thư", "Phó Chủ tịch"); "X trưởng" is left out here
    /// because a given name may be followed by "trưởng thôn".
    pub(super) fn listed_head(&self, ws: &[W], j: usize) -> bool {
        let deputy = ws[j].lower == "phó"
            && ws[j].after.is_none()
            && j + 1 < ws.len()
            && phrase_at(ws, j + 1, &self.title_heads).is_some();
        deputy || phrase_at(ws, j, &self.title_heads).is_some()
    }

    /// The end of the run of name words starting at `k` (it stops after punctuation).
    pub(super) fn run_end(&self, ws: &[W], k: usize) -> usize {
        let mut j = k;
        while j < ws.len()
            && j < k + MAX_RUN
            && is_name_word(&ws[j])
            && (j == k || (ws[j].before.is_none() && !self.breaks_name(ws, j)))
        {
            j += 1;
            if ws[j - 1].after.is_some() {
                break;
            }
        }
        j
    }

    /// The name right after a cue: the run's first two to four (five) words.
    pub(super) fn cued_name(&self, ws: &[W], j: usize) -> Option<(usize, usize)> {
        if j >= ws.len() || self.not_first.contains(ws[j].text.as_str()) || self.title_head(ws, j, false).is_some() {
            return None;
        }
        let r = self.run_end(ws, j);
        let n = (r - j).min(max_name(&ws[j]));
        (n >= 2).then_some((j, j + n))
    }

    /// The longest place of `places` at word `a`, within `a..r`.
    pub(super) fn place_at(&self, ws: &[W], a: usize, r: usize) -> usize {
        self.places
            .iter()
            .filter_map(|p| {
                let mut n = 0;
                for part in p.split(' ') {
                    if a + n >= r || ws[a + n].text != part {
                        return None;
                    }
                    n += 1;
                }
                Some(n)
            })
            .max()
            .unwrap_or(0)
    }

    /// The personal name at the end of a title, inside the capitalised run `a..r`:
    /// a known place before it is skipped; it must open with a family name.
    pub(super) fn name_in_run(&self, ws: &[W], a: usize, r: usize) -> Option<(usize, usize)> {
        let mut p = a;
        loop {
            let n = self.place_at(ws, p, r);
            if n == 0 {
                break;
            }
            p += n;
        }
        if p >= r {
            return None;
        }
        // After "tỉnh", "huyện", … or a committee ("Huyện ủy") two capitalised words are a
        // place ("huyện Mai Sơn", "Huyện ủy Lâm Hà"), unless they open with a name that
        // places never do ("tỉnh Kpă Thuyên"). After a bare title they are a name ("Tổng Bí
        // thư Tô Lâm").
        let committee = |k: usize| ws[k].lower == "ủy" && k > 0 && is_cap(&ws[k - 1]);
        let after_admin = p == a && a > 0 && (self.is_admin(&ws[a - 1]) || committee(a - 1)) && ws[a - 1].after.is_none();
        let fits = |s: usize| {
            self.is_surname(&ws[s])
                && r - s >= 2
                && r - s <= max_name(&ws[s])
                && !(after_admin && s == a && r - s == 2 && !self.is_ethnic_first(&ws[s]))
        };
        if fits(p) {
            return Some((p, r));
        }
        // An unknown place before the name: the family name that leaves the likeliest
        // length (three syllables, then four, then two).
        [3, 4, 2, 5]
            .iter()
            .filter_map(|&len| r.checked_sub(len))
            .find(|&s| s > p && fits(s))
            .map(|s| (s, r))
    }

    /// A body of the gazetteer at word `k` with lowercase words inside ("Hội Chữ thập đỏ
    /// tỉnh", "Trung tâm Kiểm soát bệnh tật"): its length.
    fn known_body(&self, ws: &[W], k: usize) -> Option<usize> {
        if !is_cap(&ws[k]) || ws[k].before.is_some() {
            return None;
        }
        phrase_at(ws, k, &self.bodies).filter(|&n| n >= 2 && ws[k + 1..k + n].iter().any(is_lower))
    }

    /// Whether lowercase word `k` continues a title.
    pub(super) fn title_word(&self, ws: &[W], k: usize) -> bool {
        let w = ws[k].lower.as_str();
        let next = ws.get(k + 1);
        if w == "dự" && next.is_some_and(|n| n.lower == "khuyết") {
            return true; // "Ủy viên dự khuyết"
        }
        // "Chủ tịch Hội đồng chủ trì": "đồng" finishes the body before it, it opens no verb.
        if k > 0 && ws[k - 1].after.is_none() && is_cap(&ws[k - 1]) && phrase_at(ws, k - 1, &self.body_heads) == Some(2) {
            return true;
        }
        if phrase_at(ws, k, &self.title_stops).is_some() || self.cue_at(ws, k).is_some() {
            return false;
        }
        if self.title_joiners.contains(w) {
            // "Đại sứ Việt Nam tại Campuchia", but not "… và Bí thư các huyện ủy" (a new title).
            return ws[k].after.is_none()
                && next.is_some_and(|n| {
                    (is_cap(n) && !self.starts_person(ws, k + 1) && self.title_head(ws, k + 1, false).is_none()) || self.is_admin(n)
                });
        }
        // The second syllable of a capitalised word ("Chủ tịch", "Tỉnh ủy", "Y tế").
        let after_capital = k > 0 && ws[k - 1].after.is_none() && is_cap(&ws[k - 1]);
        after_capital || self.title_words.contains(w)
    }

    /// Scans a title from word `i` (its head already checked) to its end.
    pub(super) fn scan_title(&self, ws: &[W], i: usize) -> Scan {
        let n = ws.len().min(i + MAX_TITLE);
        let mut k = i + self.title_head(ws, i, true).unwrap_or(1);
        if ws[k - 1].after.is_some() {
            return Scan::Title(k);
        }
        while k < n {
            if self.cue_at(ws, k).is_some() {
                return Scan::Cue(k);
            }
            if let Some(n) = self.known_body(ws, k) {
                k += n;
            } else if is_name_word(&ws[k]) && ws[k].before.is_none() {
                let r = self.run_end(ws, k);
                if let Some((s, e)) = self.name_in_run(ws, k, r) {
                    return Scan::Name(s, e);
                }
                k = r.max(k + 1);
            } else if is_lower(&ws[k]) {
                if !self.title_word(ws, k) {
                    return Scan::Title(k);
                }
                k += 1;
            } else if ws[k].before.is_none() {
                k += 1; // acronyms and numbers: "UBND", "Quân khu 5"
            } else {
                return Scan::Title(k);
            }
            match ws[k - 1].after {
                None => {}
                // "Sở Lao động - Thương binh và Xã hội"
                Some('-') if k < n && is_cap(&ws[k]) && !self.starts_person(ws, k) => {}
                Some(_) => return Scan::Title(k),
            }
        }
        Scan::Title(n)
    }

    /// A cue at word `k`: (its length, honorific, rank).
    pub(super) fn cue_at(&self, ws: &[W], k: usize) -> Option<(usize, Option<String>, Option<String>)> {
        let mut j = k;
        let mut honorific = None;
        let mut rank = None;
        if let Some(n) = phrase_at(ws, j, &self.honorifics) {
            // "tỉnh Bà Rịa": after a place word it is a name, not "bà".
            let after_place = j > 0 && self.is_admin(&ws[j - 1]) && ws[j - 1].after.is_none();
            if !after_place {
                let h = ws[j..j + n].iter().map(|w| w.lower.as_str()).collect::<Vec<_>>().join(" ");
                honorific = Some(h.trim_start_matches("các ").to_string());
                j += n;
            }
        }
        if let Some(n) = phrase_at(ws, j, &self.ranks) {
            rank = Some(text_words(ws, j, j + n));
            j += n;
        }
        while j < ws.len() && self.is_degree(&ws[j]) {
            j += 1;
        }
        // A cue must lead somewhere: a capitalised word (or ":" before a list).
        let leads = j < ws.len() && (is_cap(&ws[j]) || (j > k && ws[j - 1].after == Some(':')));
        (j > k && leads).then_some((j - k, honorific, rank))
    }

    /// Whether a person's mention starts at word `k` (used to end title lists).
    pub(super) fn starts_person(&self, ws: &[W], k: usize) -> bool {
        self.cue_at(ws, k).is_some() || self.surname_then_title(ws, k).is_some()
    }

    /// "Nguyễn Văn A, Phó Bí thư …" / "Nguyễn Văn A-Phó Bí thư …": a family name's run
    /// joined to a title.
    pub(super) fn surname_then_title(&self, ws: &[W], k: usize) -> Option<(usize, usize)> {
        if k >= ws.len() || !self.is_surname(&ws[k]) || (k > 0 && self.is_admin(&ws[k - 1]) && ws[k - 1].after.is_none()) {
            return None;
        }
        let r = self.run_end(ws, k);
        let n = r - k;
        (n >= 2 && n <= max_name(&ws[k]) && r < ws.len() && self.titles_follow(ws, r) && self.title_head(ws, r, false).is_some()).then_some((k, r))
    }

    /// Titles after a name ("-Ủy viên …, Bí thư Tỉnh ủy, …"), from word `k`: the titles
    /// and the first word after them. A title that itself ends in a name ("…, Chủ tịch
    /// UBND tỉnh Đặng Quốc Thịnh") is left to that person.
    pub(super) fn titles_after(&self, chars: &[char], ws: &[W], mut k: usize) -> (Vec<String>, usize) {
        let mut titles: Vec<String> = Vec::new();
        let mut end = k;
        while k < ws.len() && !self.starts_person(ws, k) {
            // "nguyên Chủ tịch" (former), "quyền Giám đốc" (acting).
            let lead = usize::from(matches!(ws[k].lower.as_str(), "nguyên" | "quyền") && ws[k].after.is_none());
            let head = k + lead;
            // A piece that is no title ("…, Hà Nội và Đà Nẵng") ends the list, unless it
            // continues a body's name ("Sở Văn hóa, Thể thao và Du lịch").
            if head >= ws.len() {
                break;
            }
            let headed = self.title_head(ws, head, true).is_some();
            // After a semicolon only a whole title goes on the list ("A, Title; Title; B, …").
            let after_semicolon = k > 0 && ws[k - 1].after == Some(';');
            let continues = is_cap(&ws[head]) && !titles.is_empty() && !after_semicolon;
            if !(headed || continues) {
                break;
            }
            let stop = match self.scan_title(ws, head) {
                Scan::Title(e) => e,
                Scan::Cue(_) | Scan::Name(..) => break,
            };
            if stop <= head {
                break;
            }
            let text = text_of(chars, ws, k, stop);
            // "Giám đốc Sở Văn hóa, Thể thao và Du lịch": a body's name with a comma in it.
            let continues_body = !headed && ws[head..stop].iter().any(|w| w.lower == "và");
            if !headed && !continues_body {
                break;
            }
            match titles.last_mut() {
                Some(last) if continues_body => {
                    last.push_str(", ");
                    last.push_str(&text);
                }
                _ => titles.push(text),
            }
            end = stop;
            k = stop;
            if matches!(ws[stop - 1].after, Some(',' | ';')) {
                continue;
            }
            // "Bí thư Huyện ủy kiêm Bí thư Đảng ủy Quân sự huyện"
            if ws[stop - 1].after.is_none() && ws.get(stop).is_some_and(|w| w.lower == "kiêm") {
                k = stop + 1;
                continue;
            }
            break;
        }
        (titles, end)
    }

    /// Titles right before word `at` (a cue or the start of a name's piece): a title in its
    /// own piece ending at the cue ("Bí thư Tỉnh ủy đồng chí …"), then whole titles in the
    /// comma-separated pieces before ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Hồ Văn Niên").
    /// Never reaches back before `floor`. Returns the titles and the first word they cover.
    pub(super) fn titles_before(&self, chars: &[char], ws: &[W], at: usize, floor: usize) -> (Vec<String>, usize) {
        let boundary = |k: usize| ws[k].after.is_some_and(|c| c != '-');
        let piece_start = |end: usize| {
            let mut s = end;
            while s > floor && s + MAX_TITLE > end && !boundary(s - 1) {
                s -= 1;
            }
            s
        };
        let mut titles = Vec::new();
        let mut first = at;
        let seg = piece_start(at);
        let ends_at_cue = |p: usize| matches!(self.scan_title(ws, p), Scan::Cue(c) if c == at);
        if let Some(p) = (seg..at).find(|&p| self.title_head(ws, p, false).is_some() && ends_at_cue(p)) {
            titles.push(text_of(chars, ws, p, at));
            first = p;
        }
        // Earlier pieces count only when the mention opens its piece.
        while first > floor && first == piece_start(first) && ws[first - 1].after == Some(',') {
            let end = first;
            let seg = piece_start(end - 1);
            let whole = |p: usize| self.title_head(ws, p, false).is_some() && matches!(self.scan_title(ws, p), Scan::Title(e) if e == end);
            let Some(p) = (seg..end).find(|&p| whole(p)) else {
                break;
            };
            titles.insert(0, text_of(chars, ws, p, end));
            first = p;
        }
        (titles, first)
    }
}
