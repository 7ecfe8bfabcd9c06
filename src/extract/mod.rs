//! Fact extraction: figures, dates, people and their roles, organisations and places,
//! each with its sentence and character offsets.

pub mod numbers;
pub mod people;
