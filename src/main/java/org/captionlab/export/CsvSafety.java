package org.captionlab.export;

import java.util.Objects;

/**
 * Protection against CSV (formula) injection: spreadsheet programs run a cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} as a formula, and tab or carriage return at the start
 * can smuggle one past their parsing. A caption, a file name or a model name may come from anyone, so
 * every text cell CaptionLab writes goes through {@link #neutralise}, which prefixes such a cell with a
 * single quote {@code '} — the OWASP recommendation — so the spreadsheet shows it as text.
 *
 * <p>Numbers must not go through it: {@code -3.2} is a number, not a formula, and a quote would turn it
 * into text. {@link CsvCell} keeps the two apart: {@link CsvCell#text} cells are neutralised,
 * {@link CsvCell#decimal} and {@link CsvCell#integer} cells are written as numbers.
 *
 * <p>The prefix changes the value: a program reading the CSV back sees {@code '=SUM(A1)} for a
 * caption {@code =SUM(A1)}. That is the accepted cost; a text that already starts with a quote is left
 * as it is.
 *
 * @see <a href="https://owasp.org/www-community/attacks/CSV_Injection">OWASP: CSV Injection</a>
 */
public final class CsvSafety {

    /** Leading characters that make a spreadsheet treat a cell as a formula (OWASP's list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvSafety() {
    }

    /** True when {@code cell} starts with a character a spreadsheet would take as a formula start. */
    public static boolean isFormulaLike(String cell) {
        Objects.requireNonNull(cell, "cell");
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0;
    }

    /**
     * The cell to write: {@code cell} prefixed with {@code '} when it starts with {@code = + - @}, tab
     * or carriage return, otherwise {@code cell} unchanged.
     */
    public static String neutralise(String cell) {
        return isFormulaLike(cell) ? "'" + cell : cell;
    }
}
