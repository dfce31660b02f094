using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>
/// Accent and case folding for the search ("Chloé", "CHLOE" and "chloe" are one term; "Müller" is found by "muller"). Each
/// database folds the stored text its own way and the term is folded here to match:
/// <list type="bullet">
/// <item>SQLite: the FTS5 trigram tables use <c>remove_diacritics 1</c>; row tests and short contact terms compare
/// <see cref="Fold"/> of the text (registered on every connection as <c>inbox_fold</c> by
/// <see cref="Data.SqliteConnectionInterceptor"/>) and only for text that is not plain ASCII (<see cref="OctetLength"/>).</item>
/// <item>PostgreSQL: the <c>unaccent</c> extension (migration <c>SearchFoldsAccents</c>) through two SQL functions:
/// <c>inbox_fold</c>, immutable, which the trigram expression indexes are built on (mapped to <see cref="Fold"/>), and
/// <c>inbox_unaccent</c>, stable, which PostgreSQL inlines into a plain call of <c>unaccent</c> for row tests
/// (<see cref="RowFold"/>); an immutable wrapper of a stable function is never inlined and costs a function call per row.
/// Without the extension both are the identity and the search is accent-sensitive.</item>
/// <item>SQL Server: the searched columns use an accent- and case-insensitive collation.</item>
/// </list>
/// </summary>
public static class SearchFold
{
    /// <summary>
    /// Lower case without diacritics: "Chloé" → "chloe", "MÜLLER" → "muller", and the letters that do not decompose as
    /// PostgreSQL's unaccent maps them ("ß" → "ss", "ø" → "o", "ł" → "l", "æ" → "ae", "œ" → "oe", "đ"/"ð" → "d", "þ" → "th").
    /// </summary>
    public static string? Fold(string? text)
    {
        if (text is null) return null;
        if (Ascii.IsValid(text)) return text.ToLowerInvariant();
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(ch switch
            {
                'ß' => "ss",
                'ø' => "o",
                'ł' => "l",
                'æ' => "ae",
                'œ' => "oe",
                'đ' or 'ð' => "d",
                'þ' => "th",
                'ı' => "i",
                _ => ch.ToString(),
            });
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>SQLite's <c>octet_length</c>: the UTF-8 size of a text, equal to its <c>length</c> when it is plain ASCII.</summary>
    [DbFunction("octet_length", IsBuiltIn = true, IsNullable = true)]
    public static int? OctetLength(string? text) => text is null ? null : Encoding.UTF8.GetByteCount(text);

    /// <summary>PostgreSQL's stable <c>inbox_unaccent</c>, inlined into <c>unaccent(…)</c>: the result of its <c>inbox_fold</c>.</summary>
    public static string? RowFold(string? text) => throw new InvalidOperationException("inbox_unaccent runs in the database only.");

    /// <summary>
    /// Maps the functions above for EF Core: <c>inbox_fold</c> is <see cref="Fold"/> on SQLite (a connection function) and
    /// unaccent on PostgreSQL (which may differ from it in rare letters: the term is folded by the same function there).
    /// </summary>
    internal static void Map(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(SearchFold).GetMethod(nameof(OctetLength))!);
        modelBuilder.HasDbFunction(typeof(SearchFold).GetMethod(nameof(Fold))!).HasName("inbox_fold").HasSchema(null);
        modelBuilder.HasDbFunction(typeof(SearchFold).GetMethod(nameof(RowFold))!).HasName("inbox_unaccent").HasSchema(null);
    }
}
