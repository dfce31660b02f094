using System.Text;
using InboxApp.Core.Conversations;

namespace InboxApp.Core.OptOuts;

/// <summary>
/// The opt-out and re-subscribe keywords: the defaults (several languages), and the folding that makes "Stop", " STOP! ",
/// "arrêt" and "ARRET" one keyword. A message matches when its whole text, folded, is one of the keywords.
/// </summary>
public static class OptOutKeywords
{
    public const int MaxKeywordLength = 40, MaxKeywords = 50;

    /// <summary>Opt-out words: English, German, Scandinavian, French, Spanish, Portuguese, Dutch, Italian.</summary>
    public static readonly IReadOnlyList<string> DefaultStop =
        ["STOP", "STOPALL", "UNSUBSCRIBE", "STOPP", "ABMELDEN", "ARRÊT", "ARRET", "DÉSABONNER", "BAJA", "PARAR", "CANCELAR", "DESCADASTRAR", "AFMELDEN", "DISISCRIVITI"];

    /// <summary>Re-subscribe words.</summary>
    public static readonly IReadOnlyList<string> DefaultStart = ["START", "UNSTOP", "SUBSCRIBE", "ANMELDEN", "ALTA", "INSCRIRE", "INSCREVER", "AANMELDEN", "ISCRIVITI"];

    public const string DefaultOptOutReply = "You have been unsubscribed and will not receive campaign messages from us anymore. Reply START to subscribe again.";
    public const string DefaultOptInReply = "You are subscribed again. Reply STOP to unsubscribe.";

    private static readonly char[] Edges = ['.', '!', '?', ',', ';', ':', '"', '\'', '«', '»', '“', '”', '¡', '¿', '*', '-', '_', '(', ')'];

    /// <summary>
    /// The folded form of a message or keyword: trimmed (with punctuation around it), upper case, without accents, inner
    /// blanks as one space; null when empty or longer than a keyword can be.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxKeywordLength * 2) return null;
        var trimmed = text.Trim().Trim(Edges).Trim();
        if (trimmed.Length == 0) return null;
        var folded = SearchFold.Fold(trimmed)!.ToUpperInvariant();
        var single = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (single.Length > 0 && single[^1] != ' ') single.Append(' ');
            }
            else single.Append(ch);
        }
        var result = single.ToString();
        return result.Length is 0 or > MaxKeywordLength ? null : result;
    }

    /// <summary>Keywords stored one per line.</summary>
    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> keywords) => string.Join('\n', keywords);

    /// <summary>The folded set a message is matched against.</summary>
    public static HashSet<string> MatchSet(IEnumerable<string> keywords) =>
        keywords.Select(Normalize).Where(k => k is not null).Select(k => k!).ToHashSet(StringComparer.Ordinal);
}
