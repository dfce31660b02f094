using System.Text.RegularExpressions;

namespace InboxApp.Core.QuickReplies;

/// <summary>The values placeholders are filled with; null means unknown and gives an empty string.</summary>
public sealed record PlaceholderValues(string? ContactName, string? ContactPhone, string? AgentName, string? OrganizationName);

/// <summary>
/// Fills <c>{{contact.name}}</c>, <c>{{contact.phone}}</c>, <c>{{agent.name}}</c> and <c>{{organization.name}}</c>
/// (spaces inside the braces and letter case do not matter). Missing values become empty; any other
/// <c>{{…}}</c> is left exactly as written, so a typo stays visible to the agent before sending.
/// </summary>
public static partial class QuickReplyRenderer
{
    public static IReadOnlyList<string> Placeholders { get; } = ["contact.name", "contact.phone", "agent.name", "organization.name"];

    /// <summary>True when <paramref name="name"/> (what stands between the braces) is a known placeholder.</summary>
    public static bool IsKnown(string name) => Placeholders.Contains(name.Trim().ToLowerInvariant());

    public static string Render(string text, PlaceholderValues values) =>
        Placeholder().Replace(text, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "contact.name" => values.ContactName ?? "",
            "contact.phone" => values.ContactPhone ?? "",
            "agent.name" => values.AgentName ?? "",
            "organization.name" => values.OrganizationName ?? "",
            _ => match.Value,
        });

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_]+\.[A-Za-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
