using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.Sandbox;

public sealed record SandboxReplyOption(string Id, string Title);

/// <summary>
/// The options an interactive message of ours offered the customer (its reply buttons or list rows), read from the payload it
/// was sent with; the sandbox customer answers with one of them.
/// </summary>
public sealed record SandboxReplyOptions(Guid MessageId, string Kind, string? Body, IReadOnlyList<SandboxReplyOption> Options)
{
    /// <summary>Null when the message is not an outbound interactive message with options.</summary>
    public static SandboxReplyOptions? From(Message message)
    {
        if (message.Type != MessageType.INTERACTIVE || message.Direction != MessageDirection.OUTBOUND || string.IsNullOrEmpty(message.RawJson)) return null;
        try
        {
            using var doc = JsonDocument.Parse(message.RawJson);
            if (!doc.RootElement.TryGetProperty("interactive", out var interactive) || !interactive.TryGetProperty("action", out var action)) return null;
            var kind = interactive.TryGetProperty("type", out var t) ? t.GetString() : null;
            var options = new List<SandboxReplyOption>();
            if (kind == "button" && action.TryGetProperty("buttons", out var buttons) && buttons.ValueKind == JsonValueKind.Array)
            {
                foreach (var b in buttons.EnumerateArray())
                    if (b.TryGetProperty("reply", out var r) && Option(r) is { } o) options.Add(o);
            }
            else if (kind == "list" && action.TryGetProperty("sections", out var sections) && sections.ValueKind == JsonValueKind.Array)
            {
                foreach (var section in sections.EnumerateArray())
                    if (section.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Array)
                        foreach (var row in rows.EnumerateArray())
                            if (Option(row) is { } o) options.Add(o);
            }
            return options.Count == 0 ? null : new SandboxReplyOptions(message.Id, kind!, message.Text, options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SandboxReplyOption? Option(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } text
            ? new SandboxReplyOption(e.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } value ? value : text, text)
            : null;
}
