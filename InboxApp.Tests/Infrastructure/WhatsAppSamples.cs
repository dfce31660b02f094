using System.Text.Json.Nodes;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// Inbound messages and changes in the shapes of Meta's webhook reference (strings where Meta writes strings, for example an
/// order's quantity and price) and the variants seen in real traffic. Each builder takes the ids it needs so tests can repeat.
/// </summary>
public static class WhatsAppSamples
{
    private static JsonObject Head(string id, string from, DateTimeOffset at, string type) => new()
    {
        ["from"] = from, ["id"] = id, ["timestamp"] = Unix(at).ToString(), ["type"] = type,
    };

    private static JsonObject With(this JsonObject o, string name, JsonNode? value)
    {
        o[name] = value;
        return o;
    }

    public static JsonObject Location(string id, string from, DateTimeOffset at) => Head(id, from, at, "location").With("location", new JsonObject
    {
        ["address"] = "1 Hacker Way, Menlo Park, CA 94025", ["latitude"] = 37.483307, ["longitude"] = -122.148981, ["name"] = "Main Office",
    });

    public static JsonObject SharedContacts(string id, string from, DateTimeOffset at) => Head(id, from, at, "contacts").With("contacts", new JsonArray(new JsonObject
    {
        ["name"] = new JsonObject { ["formatted_name"] = "Barbara J. Johnson", ["first_name"] = "Barbara" },
        ["phones"] = new JsonArray(new JsonObject { ["phone"] = "+1 (940) 555-1234", ["type"] = "HOME", ["wa_id"] = "19405551234" }),
    }));

    public static JsonObject ButtonReply(string id, string from, DateTimeOffset at, string context) => Head(id, from, at, "interactive")
        .With("context", new JsonObject { ["from"] = "15550783881", ["id"] = context })
        .With("interactive", new JsonObject
        {
            ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = "cancel-button", ["title"] = "Cancel" },
        });

    public static JsonObject ListReply(string id, string from, DateTimeOffset at) => Head(id, from, at, "interactive").With("interactive", new JsonObject
    {
        ["type"] = "list_reply",
        ["list_reply"] = new JsonObject { ["id"] = "priority_express", ["title"] = "Priority Mail Express", ["description"] = "Next Day to 2 Days" },
    });

    /// <summary>A WhatsApp Flow's reply: <c>response_json</c> is a JSON object written as a string.</summary>
    public static JsonObject FlowReply(string id, string from, DateTimeOffset at) => Head(id, from, at, "interactive")
        .With("context", new JsonObject { ["from"] = "15550783881", ["id"] = "wamid.FLOW" })
        .With("interactive", new JsonObject
        {
            ["type"] = "nfm_reply",
            ["nfm_reply"] = new JsonObject
            {
                ["name"] = "flow", ["body"] = "Sent",
                ["response_json"] = """{"flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.","screen_0_Full_name_0":"Ana Silva","screen_0_Preferred_date_1":"2026-12-24","rating":"5","newsletter":true}""",
            },
        });

    public static JsonObject QuickReplyButton(string id, string from, DateTimeOffset at) => Head(id, from, at, "button")
        .With("context", new JsonObject { ["from"] = "15550783881", ["id"] = "wamid.TEMPLATE" })
        .With("button", new JsonObject { ["payload"] = "STOP_PROMOS", ["text"] = "Stop promotions" });

    public static JsonObject Reaction(string id, string from, DateTimeOffset at, string target, string emoji = "❤️") =>
        Head(id, from, at, "reaction").With("reaction", new JsonObject { ["message_id"] = target, ["emoji"] = emoji });

    /// <summary>An order as Meta's reference writes it: quantity and item_price as strings.</summary>
    public static JsonObject Order(string id, string from, DateTimeOffset at) => Head(id, from, at, "order").With("order", new JsonObject
    {
        ["catalog_id"] = "194836987003835", ["text"] = "Gift wrap please",
        ["product_items"] = new JsonArray(
            new JsonObject { ["product_retailer_id"] = "di9ozbzfi4", ["quantity"] = "2", ["item_price"] = "30.50", ["currency"] = "USD" },
            new JsonObject { ["product_retailer_id"] = "nqryix03ez", ["quantity"] = "1", ["item_price"] = "25", ["currency"] = "USD" }),
    });

    public static JsonObject ChangedNumber(string id, string oldWaId, string newWaId, DateTimeOffset at) => Head(id, oldWaId, at, "system").With("system", new JsonObject
    {
        ["body"] = $"User Maria changed from {oldWaId} to {newWaId}", ["wa_id"] = newWaId, ["type"] = "user_changed_number",
    });

    public static JsonObject ChangedUserId(string id, string from, string oldBsuid, string newBsuid, DateTimeOffset at)
    {
        var m = Head(id, from, at, "system").With("from_user_id", oldBsuid).With("system", new JsonObject
        {
            ["body"] = "User's business-scoped user id changed", ["user_id"] = newBsuid, ["type"] = "user_changed_user_id",
        });
        return m;
    }

    /// <summary>A text that came from a click-to-WhatsApp ad.</summary>
    public static JsonObject FromAd(string id, string from, DateTimeOffset at) => Text(id, from, "I saw your ad", at).With("referral", new JsonObject
    {
        ["source_url"] = "https://fb.me/3cr4Wqqkv", ["source_id"] = "120226305854810726", ["source_type"] = "ad",
        ["headline"] = "Summer sale", ["body"] = "Up to 50% off sandals", ["media_type"] = "image",
        ["image_url"] = "https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg", ["thumbnail_url"] = "https://scontent.xx.fbcdn.net/v/t45.1600-4/thumb.jpg",
        ["ctwa_clid"] = "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABI",
    });

    /// <summary>A question about a catalog product (<c>context.referred_product</c>).</summary>
    public static JsonObject AboutProduct(string id, string from, DateTimeOffset at) => Text(id, from, "Is this in stock?", at).With("context", new JsonObject
    {
        ["from"] = "15550783881", ["id"] = "wamid.CATALOG",
        ["referred_product"] = new JsonObject { ["catalog_id"] = "194836987003835", ["product_retailer_id"] = "di9ozbzfi4" },
    });

    public static JsonObject Unsupported(string id, string from, DateTimeOffset at) => Head(id, from, at, "unsupported").With("errors", new JsonArray(new JsonObject
    {
        ["code"] = 131051, ["title"] = "Message type unknown", ["message"] = "Message type unknown",
        ["error_data"] = new JsonObject { ["details"] = "Message type is currently not supported." },
    }));

    public static JsonObject UnknownType(string id, string from, DateTimeOffset at) => Head(id, from, at, "hologram").With("hologram", new JsonObject { ["id"] = "1" });

    public static JsonObject Edit(string id, string from, DateTimeOffset at, string original, string text) => Head(id, from, at, "edit").With("edit", new JsonObject
    {
        ["original_message_id"] = original,
        ["message"] = new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } },
    });

    public static JsonObject Revoke(string id, string from, DateTimeOffset at, string original) =>
        Head(id, from, at, "revoke").With("revoke", new JsonObject { ["original_message_id"] = original });

    /// <summary>A message the business sent from the WhatsApp Business app on a coexistence number.</summary>
    public static JsonObject Echo(string id, string to, string text, DateTimeOffset at) => new()
    {
        ["from"] = "15550783881", ["to"] = to, ["id"] = id, ["timestamp"] = Unix(at).ToString(), ["type"] = "text",
        ["text"] = new JsonObject { ["body"] = text },
    };

    public static string Echoes(string phoneNumberId, params JsonObject[] echoes) => Envelope("102290129340398", (WhatsAppEchoesField, new JsonObject
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = phoneNumberId },
        ["message_echoes"] = new JsonArray(echoes.Select(e => (JsonNode)e).ToArray()),
    }));

    public const string WhatsAppEchoesField = "smb_message_echoes";

    /// <summary>A messages change that carries only an <c>errors</c> array.</summary>
    public static string ChangeErrors(string phoneNumberId) => Envelope("102290129340398", ("messages", new JsonObject
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = phoneNumberId },
        ["errors"] = new JsonArray(new JsonObject
        {
            ["code"] = 131000, ["title"] = "Something went wrong", ["message"] = "Something went wrong",
            ["error_data"] = new JsonObject { ["details"] = "Message failed to send because of an unknown error." },
        }),
    }));

    public static JsonObject Quality(string displayPhoneNumber, string ev, string? currentLimit = null, string? maxDaily = null)
    {
        var value = new JsonObject { ["display_phone_number"] = displayPhoneNumber, ["event"] = ev };
        if (currentLimit is not null) value["current_limit"] = currentLimit;
        if (maxDaily is not null) value["max_daily_conversations_per_business"] = maxDaily;
        return value;
    }

    /// <summary>
    /// Every delivery shape the tests know, for one number: each message type, statuses, edits, echoes, errors and the
    /// non-message changes. <paramref name="tag"/> makes the ids unique.
    /// </summary>
    public static IReadOnlyList<string> All(string metaId, string tag, DateTimeOffset at, string from = "15551230000")
    {
        string Id(string kind) => $"wamid.{kind}-{tag}";
        var contacts = WhatsAppPayloads.Array(Contact(from, "Kerry Fisher"));
        string One(JsonObject message) => Messages(metaId, contacts.DeepClone().AsArray(), WhatsAppPayloads.Array(message));
        return
        [
            One(Text(Id("text"), from, "Does it come in another color?", at)),
            One(Media(Id("image"), from, "image", "1003383421387256", "image/jpeg", at, sha256: "abc=", caption: "caption")),
            One(Media(Id("document"), from, "document", "1003383421387257", "application/pdf", at, fileName: "invoice.pdf")),
            One(Media(Id("audio"), from, "audio", "1003383421387258", "audio/ogg; codecs=opus", at)),
            One(Location(Id("location"), from, at)),
            One(SharedContacts(Id("contacts"), from, at)),
            One(ButtonReply(Id("button-reply"), from, at, Id("text"))),
            One(ListReply(Id("list-reply"), from, at)),
            One(FlowReply(Id("flow"), from, at)),
            One(QuickReplyButton(Id("button"), from, at)),
            One(Reaction(Id("reaction"), from, at, Id("text"))),
            One(Order(Id("order"), from, at)),
            One(FromAd(Id("ad"), from, at)),
            One(AboutProduct(Id("product"), from, at)),
            One(Unsupported(Id("unsupported"), from, at)),
            One(UnknownType(Id("unknown"), from, at)),
            One(Edit(Id("edit"), from, at.AddSeconds(30), Id("text"), "Does it come in blue?")),
            One(Revoke(Id("revoke"), from, at.AddSeconds(40), Id("location"))),
            Messages(metaId, messages: WhatsAppPayloads.Array(ChangedNumber(Id("system"), from, "15559990000", at))),
            Messages(metaId, statuses: WhatsAppPayloads.Array(Status(Id("out"), "delivered", at, from),
                Status(Id("out2"), "failed", at, from, new JsonObject { ["code"] = 131026, ["title"] = "Message undeliverable", ["error_data"] = new JsonObject { ["details"] = "Undeliverable" } }))),
            Echoes(metaId, Echo(Id("echo"), from, "Sent from the app", at)),
            ChangeErrors(metaId),
            Envelope("102290129340398", ("phone_number_quality_update", Quality("15550783881", "FLAGGED", "TIER_10K"))),
            Envelope("102290129340398", ("message_template_status_update", new JsonObject
            {
                ["event"] = "APPROVED", ["message_template_id"] = 594425479261596, ["message_template_name"] = "order_update",
                ["message_template_language"] = "en_US", ["reason"] = "NONE",
            })),
        ];
    }
}
