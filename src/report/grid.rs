//! The power/interest grid of a report's people: each person placed by influence (rows, high
//! first) and disposition (columns, most supportive first), as account plans draw it. Built
//! from the people views a report already holds, so every placement is what their notes say.

use serde::Serialize;

use super::PersonView;
use crate::model::stakeholder::{Disposition, Influence};
use crate::model::Side;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GridView {
    /// The rows, top to bottom.
    pub influence: Vec<Influence>,
    /// The columns, left to right.
    pub disposition: Vec<Disposition>,
    /// The cells that hold someone, row by row, each left to right.
    pub cells: Vec<GridCellView>,
    /// People not on our side with no influence or no disposition recorded: not on the grid.
    pub unplaced: Vec<GridPersonView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GridCellView {
    /// Index into `influence` (0: high).
    pub row: usize,
    /// Index into `disposition` (0: mentor).
    pub column: usize,
    /// The people in the cell, in the report's order.
    pub people: Vec<GridPersonView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GridPersonView {
    /// Index into the report's `people`.
    pub person: usize,
    /// Their name.
    pub name: String,
    /// Whose side they are on (the grid colours by it).
    pub side: Side,
    /// Their note, where influence and disposition are written.
    pub path: String,
}

const INFLUENCE: [Influence; 3] = [Influence::High, Influence::Medium, Influence::Low];
const DISPOSITION: [Disposition; 5] =
    [Disposition::Mentor, Disposition::Supporter, Disposition::Neutral, Disposition::Sceptic, Disposition::Blocker];

pub fn grid(people: &[PersonView]) -> GridView {
    let mut cells: Vec<GridCellView> = Vec::new();
    let mut unplaced = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let entry = GridPersonView { person: i, name: p.name.clone(), side: p.side, path: p.path.clone() };
        let place = p.influence.zip(p.disposition).and_then(|(inf, disp)| {
            Some((INFLUENCE.iter().position(|&x| x == inf)?, DISPOSITION.iter().position(|&x| x == disp)?))
        });
        match place {
            Some((row, column)) => match cells.iter_mut().find(|c| (c.row, c.column) == (row, column)) {
                Some(cell) => cell.people.push(entry),
                None => cells.push(GridCellView { row, column, people: vec![entry] }),
            },
            None if p.side != Side::Ours => unplaced.push(entry),
            None => {}
        }
    }
    cells.sort_by_key(|c| (c.row, c.column));
    GridView { influence: INFLUENCE.to_vec(), disposition: DISPOSITION.to_vec(), cells, unplaced }
}
