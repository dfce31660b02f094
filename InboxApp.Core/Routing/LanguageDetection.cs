using Lingua;

namespace InboxApp.Core.Routing;

/// <summary>
/// Detects the language a customer writes in, for the LANGUAGE routing condition, with Lingua (SearchPioneer.Lingua,
/// n-gram models of each language). Only the languages below are loaded, in Lingua's low-accuracy mode (trigram models
/// only): about 24 MB and 2 s to load instead of about 570 MB for the full models of the same 20 languages, right on
/// sentences and wrong mostly on one-word texts ("ok", "danke"), where no detector can tell. The models load on the first
/// detection (once per process, <see cref="Detector"/>), so a server whose rules never ask for a language never pays for
/// them. See ADR 0028 for the measurements.
/// </summary>
public static class LanguageDetection
{
    /// <summary>The languages a condition can name, by ISO 639-1 code.</summary>
    public static readonly IReadOnlyDictionary<string, (Language Lingua, string Name)> Supported = new Dictionary<string, (Language, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = (Language.Arabic, "Arabic"),
        ["de"] = (Language.German, "German"),
        ["en"] = (Language.English, "English"),
        ["es"] = (Language.Spanish, "Spanish"),
        ["fr"] = (Language.French, "French"),
        ["hi"] = (Language.Hindi, "Hindi"),
        ["id"] = (Language.Indonesian, "Indonesian"),
        ["it"] = (Language.Italian, "Italian"),
        ["ja"] = (Language.Japanese, "Japanese"),
        ["ko"] = (Language.Korean, "Korean"),
        ["nl"] = (Language.Dutch, "Dutch"),
        ["pl"] = (Language.Polish, "Polish"),
        ["pt"] = (Language.Portuguese, "Portuguese"),
        ["ru"] = (Language.Russian, "Russian"),
        ["sv"] = (Language.Swedish, "Swedish"),
        ["th"] = (Language.Thai, "Thai"),
        ["tr"] = (Language.Turkish, "Turkish"),
        ["uk"] = (Language.Ukrainian, "Ukrainian"),
        ["vi"] = (Language.Vietnamese, "Vietnamese"),
        ["zh"] = (Language.Chinese, "Chinese"),
    };

    /// <summary>At most this much of the customer's text is looked at (the start of the conversation).</summary>
    public const int MaxTextLength = 1000;

    private static readonly Dictionary<Language, string> Codes = Supported.ToDictionary(p => p.Value.Lingua, p => p.Key.ToLowerInvariant());

    private static readonly Lazy<LanguageDetector> Detector = new(() =>
        LanguageDetectorBuilder.FromLanguages(Supported.Values.Select(v => v.Lingua).ToArray()).WithLowAccuracyMode().Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ISO 639-1 code of the language of <paramref name="text"/>, or null when it has no letters to tell by.</summary>
    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Any(char.IsLetter)) return null;
        if (text.Length > MaxTextLength) text = text[..MaxTextLength];
        var language = Detector.Value.DetectLanguageOf(text);
        return Codes.GetValueOrDefault(language);
    }

    /// <summary>The language's English name ("Spanish"), or the code itself when it is not one of <see cref="Supported"/>.</summary>
    public static string NameOf(string code) => Supported.TryGetValue(code, out var l) ? l.Name : code;
}
