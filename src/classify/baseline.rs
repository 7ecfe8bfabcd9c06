//! The keyword classifier: the yardstick the transformer must beat. Cue phrases of the
//! genre, checked in a fixed order (attendance, directive, achievement), else `other`.
//! Deliberately simple: it is what an analyst would write in an afternoon.

use crate::document::Label;

const ATTENDANCE: &[&str] = &[
    "chủ trì", "chủ tọa", "đồng chủ trì", "dự hội nghị", "tham dự", "dự buổi", "dự lễ",
    "dự kỳ họp", "dự phiên họp", "cùng dự", "có mặt", "làm trưởng đoàn", "dẫn đầu đoàn",
    "đến thăm và làm việc", "tiếp đoàn", "đã tiếp", "điều hành",
];

const DIRECTIVE: &[&str] = &[
    "yêu cầu", "đề nghị", "cần ", "phải ", "thời gian tới", "sắp tới", "tiếp tục", "tập trung",
    "chủ động", "phấn đấu", "quán triệt", "giao ", "chỉ đạo các", "sẽ ", "nhiệm vụ năm",
    "khẩn trương", "kiên quyết", "không được", "không để",
];

const ACHIEVEMENT: &[&str] = &[
    "đã ", "hoàn thành", "đạt ", "đạt.", "kết quả", "thực hiện tốt", "vượt", "tăng ", "giảm ",
    "được duy trì", "bảo đảm", "đảm bảo", "tổ chức thành công", "trao tặng", "khám bệnh",
    "tặng quà", "hỗ trợ", "%",
];

/// A label from cue phrases alone.
pub fn classify(sentence: &str) -> Label {
    let s = sentence.to_lowercase();
    let has = |cues: &[&str]| cues.iter().any(|c| s.contains(c));
    if has(ATTENDANCE) {
        Label::Attendance
    } else if has(DIRECTIVE) {
        Label::Directive
    } else if has(ACHIEVEMENT) {
        Label::Achievement
    } else {
        Label::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_in_order() {
        assert_eq!(classify("Đồng chí Nguyễn Văn An chủ trì hội nghị."), Label::Attendance);
        assert_eq!(classify("Đồng chí yêu cầu các đơn vị tập trung huấn luyện."), Label::Directive);
        assert_eq!(classify("Toàn tỉnh đã hoàn thành 100% chỉ tiêu."), Label::Achievement);
        assert_eq!(classify("Hội nghị diễn ra trong một ngày."), Label::Other);
    }
}
