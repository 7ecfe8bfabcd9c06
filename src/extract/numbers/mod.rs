//! Vietnamese numbers and the figures they state.
//!
//! Number rules: `.` groups thousands and `,` marks decimals (`1.170` is 1170, `2,5` is
//! 2.5); magnitude words multiply (`200 triệu` is 200 000 000, `3 nghìn tỷ` is 3·10¹²);
//! number words count when they count something (`hai đơn vị` is 2, `một số` is "some").
//! A figure is a number that counts or measures; years, dates, times, and numbers that
//! are part of a name (`Quân khu 5`, `Nghị quyết Trung ương 8`, `bão số 3`, `lần thứ 28`,
//! `Ban Chỉ đạo 138`, `“Chi bộ 4 tốt”`) are not; a slogan's count is (`“3 ca, 4 kíp”`).
//!
//! `parse` reads numbers (used by the briefing and translation too); `figures` finds the
//! figures of a sentence with the word lists of [`FigureWords`] (`data/rules/figures.txt`).

mod figures;
mod parse;

pub use crate::document::facts::{Figure, Qualifier};
pub use crate::rules::FigureWords;
pub use figures::find_figures;
pub use parse::{parse_number, parse_number_words, roman};
