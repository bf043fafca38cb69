//! Placeholders for statements whose length varies with the data (batches, id lists).

/// How a backend's long statements name their parameters. SQLite gets plain `?`: sqlx looks
/// up each numbered parameter's name, and SQLite finds a name by walking the list of them,
/// which makes binding thousands of `$n` quadratic. PostgreSQL only knows `$n`.
#[derive(Clone, Copy)]
pub(crate) enum Parameters {
    Numbered,
    InOrder,
}

impl Parameters {
    pub(crate) fn of(backend: crate::Backend) -> Self {
        match backend {
            crate::Backend::Sqlite => Self::InOrder,
            crate::Backend::Postgres => Self::Numbered,
        }
    }

    /// `($1, $2), ($3, $4)` (or `(?, ?), (?, ?)`) for `rows` rows of `columns` parameters.
    pub(crate) fn rows(self, rows: usize, columns: usize) -> String {
        let mut out = String::with_capacity(rows * columns * 5);
        for row in 0..rows {
            out.push_str(if row == 0 { "(" } else { ", (" });
            self.push_list(&mut out, row * columns, columns);
            out.push(')');
        }
        out
    }

    /// `$1, $2, $3` (or `?, ?, ?`) for a list of `n` parameters.
    pub(crate) fn list(self, n: usize) -> String {
        self.list_after(0, n)
    }

    /// A list of `n` parameters that follow `before` others: `$3, $4` after two.
    pub(crate) fn list_after(self, before: usize, n: usize) -> String {
        let mut out = String::with_capacity(n * 5);
        self.push_list(&mut out, before, n);
        out
    }

    /// The parameter that follows `n` others: `$n+1` (or `?`).
    pub(crate) fn after(self, n: usize) -> String {
        let mut out = String::new();
        self.push_list(&mut out, n, 1);
        out
    }

    fn push_list(self, out: &mut String, before: usize, n: usize) {
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            match self {
                Self::Numbered => {
                    out.push('$');
                    out.push_str(&(before + i + 1).to_string());
                }
                Self::InOrder => out.push('?'),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_on_across_rows() {
        assert_eq!(
            Parameters::Numbered.rows(2, 3),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(Parameters::InOrder.rows(2, 2), "(?, ?), (?, ?)");
        assert_eq!(Parameters::Numbered.list(3), "$1, $2, $3");
        assert_eq!(Parameters::Numbered.after(3), "$4");
        assert_eq!(Parameters::Numbered.list_after(2, 2), "$3, $4");
        assert_eq!(Parameters::InOrder.list_after(2, 2), "?, ?");
        assert_eq!(Parameters::InOrder.after(3), "?");
    }
}
