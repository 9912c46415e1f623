//! HTML bundle renderer (stub: being written).

use super::RenderResult;
use crate::model::Site;
use crate::theme::Theme;

pub fn render(_site: &Site, _theme: &Theme) -> RenderResult {
    Ok(vec![])
}
