//! Text stages that every other stage builds on: `normalize` (the exact
//! text removals refer to), `fold` (the matching view rules see) and `lang`.

pub mod fold;
pub mod lang;
pub mod normalize;
pub mod word_char;
