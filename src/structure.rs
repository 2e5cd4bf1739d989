//! The logical structure of a laid-out briefing: what a screen reader walks and what tagged
//! PDF (PDF/UA, PDF/A level "a") records. `layout` builds it from the `Briefing`'s blocks —
//! never from glyphs — in reading order, and every item it draws names its node or says it is
//! an artifact. Format-neutral: the roles are the standard structure types of ISO 32000
//! (a document model, not a file format); `pdf` writes them.

/// A node of the structure tree, an index into [`Structure::nodes`]; the root is node 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// The standard structure types a briefing needs (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The whole document, the root.
    Document,
    /// The document's title: its type and summary ("BÁO CÁO" + trích yếu, "Phụ lục" + title).
    H1,
    /// A section heading.
    H2,
    /// A paragraph, or one piece of the form (agency, motto, date line, signer).
    P,
    /// A list; its children are `LI`.
    L,
    /// A list item: an optional `Lbl` and an `LBody`.
    LI,
    /// A list item's label ("a)").
    Lbl,
    /// A list item's content.
    LBody,
    /// A table: `THead` and `TBody`.
    Table,
    /// The table's header rows.
    THead,
    /// The table's body rows.
    TBody,
    /// A table row.
    TR,
    /// A header cell, and which cells it heads.
    TH(Scope),
    /// A data cell.
    TD,
    /// A chart: assistive technology reads its `alt` instead of its labels.
    Figure,
    /// Small print (a table's note, the sources); PDF/UA gives every note an identifier.
    Note,
    /// A run of text inside a paragraph that differs from it, here only by language.
    Span,
}

/// The cells a header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Its column (the header row).
    Column,
    /// Its row (the first cell of a body row).
    Row,
}

impl Role {
    /// The standard structure type's name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Note => "Note",
            Role::Span => "Span",
        }
    }
}

/// One node: its role, its parent, and what assistive technology needs beyond its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// `None` only for the root.
    pub parent: Option<NodeId>,
    /// Its language (BCP 47) where it is not the document's: a Vietnamese title of a source
    /// cited in an English briefing.
    pub lang: Option<String>,
    /// Alternative text, read instead of the content (figures).
    pub alt: Option<String>,
}

/// The structure tree: a parent before its children, siblings in the order they are read.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Every node; [`Structure::ROOT`] first.
    pub nodes: Vec<Node>,
}

impl Structure {
    /// The document node.
    pub const ROOT: NodeId = NodeId(0);

    /// A tree of the document node alone.
    pub fn new() -> Structure {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                lang: None,
                alt: None,
            }],
        }
    }

    /// Adds a node as the last child of `parent`: nodes are added in reading order.
    pub fn add(&mut self, parent: NodeId, role: Role) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            lang: None,
            alt: None,
        });
        id
    }

    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    /// The node `id`, to set its language or alternative text.
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.0 as usize]
    }

    /// The children of every node, in reading order.
    pub fn children(&self) -> Vec<Vec<NodeId>> {
        let mut children = vec![Vec::new(); self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(parent) = node.parent {
                children[parent.0 as usize].push(NodeId(i as u32));
            }
        }
        children
    }
}

impl Default for Structure {
    fn default() -> Self {
        Structure::new()
    }
}

/// What a drawn item is: part of a structure node's content, or an artifact — drawn but not
/// content (rules, borders, shading, page numbers, a table header repeated on a new page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Content of this node.
    Node(NodeId),
    /// Not content.
    Artifact(Artifact),
}

/// The kinds of artifact (ISO 32000-1, 14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Artifact {
    /// Rules, frames, cell borders and shading.
    Layout,
    /// Page numbers, and table headers repeated on a new page.
    Pagination,
}

impl Tag {
    /// A rule, border or shading.
    pub const LAYOUT: Tag = Tag::Artifact(Artifact::Layout);
    /// A page number or a repeated header.
    pub const PAGINATION: Tag = Tag::Artifact(Artifact::Pagination);
}
