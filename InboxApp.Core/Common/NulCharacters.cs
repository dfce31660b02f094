namespace InboxApp.Core.Common;

/// <summary>
/// U+0000 in text. PostgreSQL's text types cannot hold it (<c>22021</c>), so no text the app stores may carry one: inbound
/// WhatsApp text loses it (<see cref="Channels.WhatsApp.WhatsAppWebhookParser"/>), API input containing one is refused
/// (400), and <see cref="Data.NulCharacterInterceptor"/> removes any that still reach a save or a query, on every database.
/// </summary>
public static class NulCharacters
{
    public const char Nul = '\0';

    public static bool In(string? text) => text is not null && text.Contains(Nul);

    /// <summary><paramref name="text"/> without its NUL characters (the same instance when it has none).</summary>
    public static string? Strip(string? text) => In(text) ? text!.Replace("\0", "", StringComparison.Ordinal) : text;
}
