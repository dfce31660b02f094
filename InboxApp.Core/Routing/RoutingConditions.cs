using System.Text.Json;
using System.Text.RegularExpressions;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Routing;

public enum RoutingConditionType { KEYWORDS, REGEX, CONTACT_TAG, CONTACT_ATTRIBUTE, COUNTRY, PHONE_NUMBER, MESSAGE_TYPE, BUSINESS_HOURS, LANGUAGE }

/// <summary>Which customer messages a text or type condition looks at.</summary>
public enum MessageScope { ANY_MESSAGE, FIRST_MESSAGE }

/// <summary>
/// One condition of a rule. <see cref="Values"/> (or a single <see cref="Value"/>): KEYWORDS the words (contains any, case
/// ignored); REGEX one pattern; CONTACT_TAG tag names (any); CONTACT_ATTRIBUTE the accepted values of attribute
/// <see cref="Key"/>; COUNTRY ISO codes (DE, BR) of the contact's phone number; PHONE_NUMBER the receiving numbers (id or
/// digits); MESSAGE_TYPE message types (TEXT, IMAGE…); BUSINESS_HOURS <c>INSIDE</c> or <c>OUTSIDE</c>; LANGUAGE ISO 639-1
/// codes (es, en) of the language detected in the customer's text (<see cref="LanguageDetection"/>). <see cref="Scope"/>
/// (KEYWORDS, REGEX, MESSAGE_TYPE): the first customer message only, or any of them (default).
/// </summary>
public sealed record RoutingCondition(RoutingConditionType Type, IReadOnlyList<string>? Values = null, string? Value = null, string? Key = null,
    MessageScope? Scope = null);

/// <summary>What a routing decision looks at, gathered once per conversation. Texts are lower-cased.</summary>
public sealed class RoutingContext
{
    public List<(string? Text, MessageType Type)> Messages { get; init; } = [];
    public HashSet<string> ContactTags { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Country { get; init; }
    public Guid PhoneNumberId { get; init; }
    public string? PhoneNumberDigits { get; init; }
    public bool InsideBusinessHours { get; init; } = true;

    private string? language;
    private bool languageDetected;

    /// <summary>
    /// The ISO 639-1 code of the language of the customer's texts together (the first <see cref="LanguageDetection.MaxTextLength"/>
    /// characters), detected on first use only: rules without a LANGUAGE condition never pay for it. Null when there is no text.
    /// </summary>
    public string? Language
    {
        get
        {
            if (languageDetected) return language;
            var texts = Messages.Where(m => m.Text is { Length: > 0 }).Select(m => m.Text);
            language = LanguageDetection.Detect(string.Join("\n", texts));
            languageDetected = true;
            return language;
        }
    }
}

/// <summary>A condition ready to evaluate: answers why it matched, or null.</summary>
public sealed record CompiledCondition(RoutingCondition Source, Func<RoutingContext, string?> Match);

public static class RoutingConditions
{
    private static readonly JsonSerializerOptions Json = WeeklySchedule.Json;

    public static IReadOnlyList<RoutingCondition> Parse(string json) =>
        JsonSerializer.Deserialize<List<RoutingCondition>>(json, Json) ?? [];

    public static string ToJson(IReadOnlyList<RoutingCondition> conditions) => JsonSerializer.Serialize(conditions, Json);

    /// <summary>Parses the check-conflicts query parameter (a JSON array); 400 on <c>conditions</c> when it is not one.</summary>
    public static IReadOnlyList<RoutingCondition> ParseQuery(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw InboxException.Invalid("conditions", "conditions is required (a JSON array)");
        try
        {
            return JsonSerializer.Deserialize<List<RoutingCondition>?>(json, Json) ?? throw InboxException.Invalid("conditions", "conditions must be a JSON array");
        }
        catch (JsonException)
        {
            throw InboxException.Invalid("conditions", "conditions must be a JSON array of conditions");
        }
    }

    /// <summary>Checks and normalizes the conditions (trimmed values, upper-case codes); 400 naming the field at fault.</summary>
    public static IReadOnlyList<RoutingCondition> Validate(IReadOnlyList<RoutingCondition?>? conditions)
    {
        if (conditions is null || conditions.Count == 0) throw InboxException.Invalid("conditions", "A rule needs at least one condition");
        if (conditions.Count > RoutingLimits.MaxConditions) throw InboxException.Invalid("conditions", $"At most {RoutingLimits.MaxConditions} conditions");
        var result = new List<RoutingCondition>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var field = $"conditions[{i}]";
            var c = conditions[i] ?? throw InboxException.Invalid(field, "A condition is required");
            if (!Enum.IsDefined(c.Type)) throw InboxException.Invalid($"{field}.type", "Unknown condition type");
            var values = (c.Values ?? (c.Value is null ? [] : [c.Value])).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (values.Count == 0) throw InboxException.Invalid($"{field}.values", "Give at least one value");
            if (values.Count > RoutingLimits.MaxValues) throw InboxException.Invalid($"{field}.values", $"At most {RoutingLimits.MaxValues} values");
            if (values.Any(v => v.Length > RoutingLimits.MaxValueLength && c.Type != RoutingConditionType.REGEX))
                throw InboxException.Invalid($"{field}.values", $"A value must be at most {RoutingLimits.MaxValueLength} characters");
            string? key = null;
            switch (c.Type)
            {
                case RoutingConditionType.REGEX:
                    if (values.Count != 1) throw InboxException.Invalid($"{field}.values", "A regular expression condition takes one pattern");
                    if (values[0].Length > RoutingLimits.MaxPatternLength)
                        throw InboxException.Invalid($"{field}.values", $"The pattern must be at most {RoutingLimits.MaxPatternLength} characters");
                    try
                    {
                        _ = new Regex(values[0], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RoutingLimits.RegexTimeout);
                    }
                    catch (ArgumentException e)
                    {
                        throw InboxException.Invalid($"{field}.values", $"The pattern is not a valid regular expression: {e.Message}");
                    }
                    break;
                case RoutingConditionType.CONTACT_ATTRIBUTE:
                    key = c.Key?.Trim();
                    if (string.IsNullOrEmpty(key) || key.Length > 100) throw InboxException.Invalid($"{field}.key", "key (the attribute's name, at most 100 characters) is required");
                    break;
                case RoutingConditionType.COUNTRY:
                    values = values.Select(v => v.ToUpperInvariant()).ToList();
                    if (values.Any(v => v.Length != 2 || !v.All(char.IsAsciiLetterUpper)))
                        throw InboxException.Invalid($"{field}.values", "Countries are two-letter ISO codes such as DE or BR");
                    break;
                case RoutingConditionType.MESSAGE_TYPE:
                    values = values.Select(v => v.ToUpperInvariant()).ToList();
                    if (values.Any(v => !Enum.TryParse<MessageType>(v, out _) || int.TryParse(v, out _)))
                        throw InboxException.Invalid($"{field}.values", $"Message types are {string.Join(", ", Enum.GetNames<MessageType>())}");
                    break;
                case RoutingConditionType.BUSINESS_HOURS:
                    values = values.Select(v => v.ToUpperInvariant()).ToList();
                    if (values is not ["INSIDE"] and not ["OUTSIDE"]) throw InboxException.Invalid($"{field}.values", "Business hours take INSIDE or OUTSIDE");
                    break;
                case RoutingConditionType.LANGUAGE:
                    values = values.Select(v => v.ToLowerInvariant()).ToList();
                    if (values.Any(v => !LanguageDetection.Supported.ContainsKey(v)))
                        throw InboxException.Invalid($"{field}.values", $"Languages are ISO 639-1 codes, one of {string.Join(", ", LanguageDetection.Supported.Keys.Order())}");
                    break;
                case RoutingConditionType.PHONE_NUMBER:
                    values = values.Select(v => Guid.TryParse(v, out var id) ? id.ToString() : new string(v.Where(char.IsAsciiDigit).ToArray())).ToList();
                    if (values.Any(v => v.Length == 0)) throw InboxException.Invalid($"{field}.values", "A receiving number is its id or its digits");
                    break;
            }
            var scope = c.Type is RoutingConditionType.KEYWORDS or RoutingConditionType.REGEX or RoutingConditionType.MESSAGE_TYPE
                ? c.Scope ?? MessageScope.ANY_MESSAGE : (MessageScope?)null;
            result.Add(new RoutingCondition(c.Type, values, null, key, scope));
        }
        return result;
    }

    /// <summary>Compiles a validated condition: keywords lower-cased, the pattern with its time limit.</summary>
    public static CompiledCondition Compile(RoutingCondition c)
    {
        var values = c.Values ?? [];
        var firstOnly = c.Scope == MessageScope.FIRST_MESSAGE;
        Func<RoutingContext, string?> match;
        switch (c.Type)
        {
            case RoutingConditionType.KEYWORDS:
                var words = values.Select(v => v.ToLowerInvariant()).ToArray();
                match = ctx =>
                {
                    var messages = ctx.Messages;
                    var n = firstOnly ? Math.Min(1, messages.Count) : messages.Count;
                    for (var i = 0; i < n; i++)
                    {
                        if (messages[i].Text is not { } text) continue;
                        foreach (var w in words)
                            if (text.Contains(w, StringComparison.Ordinal)) return $"{Which(firstOnly)} contains \"{w}\"";
                    }
                    return null;
                };
                break;
            case RoutingConditionType.REGEX:
                var regex = new Regex(values[0], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RoutingLimits.RegexTimeout);
                match = ctx =>
                {
                    var messages = ctx.Messages;
                    var n = firstOnly ? Math.Min(1, messages.Count) : messages.Count;
                    for (var i = 0; i < n; i++)
                    {
                        if (messages[i].Text is not { } text) continue;
                        try
                        {
                            if (regex.IsMatch(text)) return $"{Which(firstOnly)} matches /{values[0]}/";
                        }
                        catch (RegexMatchTimeoutException)
                        {
                            // A pattern that takes too long counts as no match.
                        }
                    }
                    return null;
                };
                break;
            case RoutingConditionType.CONTACT_TAG:
                match = ctx => values.FirstOrDefault(ctx.ContactTags.Contains) is { } tag ? $"the contact is tagged \"{tag}\"" : null;
                break;
            case RoutingConditionType.CONTACT_ATTRIBUTE:
                var key = c.Key!;
                match = ctx => ctx.Attributes.TryGetValue(key, out var v) && values.Contains(v, StringComparer.OrdinalIgnoreCase)
                    ? $"the contact's {key} is \"{v}\"" : null;
                break;
            case RoutingConditionType.COUNTRY:
                match = ctx => ctx.Country is { } country && values.Contains(country) ? $"the contact's number is from {country}" : null;
                break;
            case RoutingConditionType.PHONE_NUMBER:
                match = ctx => values.Any(v => v == ctx.PhoneNumberId.ToString() || (ctx.PhoneNumberDigits is { } d && v == d))
                    ? "the customer wrote to that number" : null;
                break;
            case RoutingConditionType.MESSAGE_TYPE:
                var types = values.Select(Enum.Parse<MessageType>).ToHashSet();
                match = ctx =>
                {
                    var messages = ctx.Messages;
                    var n = firstOnly ? Math.Min(1, messages.Count) : messages.Count;
                    for (var i = 0; i < n; i++)
                        if (types.Contains(messages[i].Type)) return $"{Which(firstOnly)} is a {messages[i].Type} message";
                    return null;
                };
                break;
            case RoutingConditionType.LANGUAGE:
                var languages = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
                match = ctx => ctx.Language is { } detected && languages.Contains(detected)
                    ? $"the customer writes in {LanguageDetection.NameOf(detected)}" : null;
                break;
            default:
                var inside = values[0] == "INSIDE";
                match = ctx => ctx.InsideBusinessHours == inside ? (inside ? "it is inside business hours" : "it is outside business hours") : null;
                break;
        }
        return new CompiledCondition(c, match);
    }

    private static string Which(bool firstOnly) => firstOnly ? "the first message" : "a message";

    /// <summary>Why two conditions can match the same conversation (a shared value), or null when they cannot be shown to.</summary>
    public static string? Overlap(RoutingCondition a, RoutingCondition b)
    {
        var av = a.Values ?? [];
        var bv = b.Values ?? [];
        if (a.Type == RoutingConditionType.KEYWORDS && b.Type == RoutingConditionType.REGEX) return Overlap(b, a);
        if (a.Type == RoutingConditionType.REGEX && b.Type == RoutingConditionType.KEYWORDS)
        {
            var regex = new Regex(av[0], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RoutingLimits.RegexTimeout);
            foreach (var word in bv)
            {
                try
                {
                    if (regex.IsMatch(word)) return $"/{av[0]}/ matches \"{word}\"";
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
            return null;
        }
        if (a.Type != b.Type) return null;
        if (a.Type == RoutingConditionType.CONTACT_ATTRIBUTE && !string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase)) return null;
        if (a.Type == RoutingConditionType.KEYWORDS)
        {
            // "refund" also matches every text that contains "refund request".
            foreach (var x in av)
                foreach (var y in bv)
                    if (x.Contains(y, StringComparison.OrdinalIgnoreCase) || y.Contains(x, StringComparison.OrdinalIgnoreCase))
                        return $"keywords \"{x}\" and \"{y}\"";
            return null;
        }
        var shared = av.Intersect(bv, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        return shared is null ? null : $"both match {a.Type.ToString().ToLowerInvariant().Replace('_', ' ')} \"{shared}\"";
    }
}
