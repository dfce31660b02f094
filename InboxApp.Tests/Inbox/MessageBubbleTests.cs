using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Features.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Tests.Inbox;

/// <summary>The thread's message bubble rendered with Blazor's HtmlRenderer (bunit is not on our mirror).</summary>
public class MessageBubbleTests
{
    private static MessageDto Build(Action<Message> set, IReadOnlyList<ReactionDto>? reactions = null)
    {
        var message = new Message
        {
            ConversationId = Guid.NewGuid(), Direction = MessageDirection.INBOUND, Type = MessageType.TEXT, Status = MessageStatus.RECEIVED,
            Timestamp = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero), CreatedAt = DateTimeOffset.UtcNow,
        };
        set(message);
        return MessageDto.From(message, reactions);
    }

    /// <summary>The bubble's HTML with character references decoded (the renderer encodes non-ASCII text such as ticks and emoji).</summary>
    private static async Task<string> RenderAsync(MessageDto message, bool withActions = false, MessageDto? quoted = null) =>
        System.Net.WebUtility.HtmlDecode(await RenderRawAsync(message, withActions, quoted));

    private static async Task<string> RenderRawAsync(MessageDto message, bool withActions = false, MessageDto? quoted = null)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var receiver = new object();
        var parameters = new Dictionary<string, object?> { [nameof(MessageBubble.Message)] = message, [nameof(MessageBubble.Quoted)] = quoted };
        if (withActions)
        {
            parameters[nameof(MessageBubble.OnRetry)] = EventCallback.Factory.Create<MessageDto>(receiver, () => { });
            parameters[nameof(MessageBubble.OnRetryMedia)] = EventCallback.Factory.Create<MessageDto>(receiver, () => { });
        }
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<MessageBubble>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    [Fact]
    public async Task Inbound_text_is_formatted_and_escaped()
    {
        var html = await RenderRawAsync(Build(m => m.Text = "*Hi* <b>there</b>"));
        Assert.Contains("class=\"bubble in", html);
        Assert.Contains("<strong>Hi</strong>", html);
        Assert.Contains("&lt;b&gt;there&lt;/b&gt;", html);
        Assert.DoesNotContain("data-testid=\"ticks\"", html);
    }

    [Theory]
    [InlineData(MessageStatus.PENDING, "Sending", "🕓")]
    [InlineData(MessageStatus.SENT, "Sent", "✓")]
    [InlineData(MessageStatus.DELIVERED, "Delivered", "✓✓")]
    [InlineData(MessageStatus.READ, "Read", "✓✓")]
    public async Task Outbound_messages_show_their_ticks(MessageStatus status, string label, string ticks)
    {
        var html = await RenderAsync(Build(m => { m.Direction = MessageDirection.OUTBOUND; m.Text = "On its way"; m.Status = status; }));
        Assert.Contains($"class=\"ticks {status.ToString().ToLowerInvariant()}\" data-testid=\"ticks\" aria-label=\"{label}\" title=\"{label}\">{ticks}</span>", html);
    }

    [Fact]
    public async Task A_failed_message_shows_the_whatsapp_error_and_a_retry_button_when_retry_is_offered()
    {
        var failed = Build(m =>
        {
            m.Direction = MessageDirection.OUTBOUND; m.Text = "Hello"; m.Status = MessageStatus.FAILED;
            m.ErrorCode = "131047"; m.ErrorTitle = "Re-engagement message"; m.ErrorDetails = "More than 24 hours have passed";
        });
        var html = await RenderAsync(failed, withActions: true);
        Assert.Contains("role=\"alert\" data-testid=\"message-error\"", html);
        Assert.Contains("131047 · Re-engagement message · More than 24 hours have passed", html);
        Assert.Contains(">Retry</button>", html);
        Assert.DoesNotContain(">Retry</button>", await RenderAsync(failed));
    }

    [Fact]
    public async Task Media_is_shown_by_kind_and_a_failed_download_offers_a_retry()
    {
        var image = Build(m => { m.Type = MessageType.IMAGE; m.MediaStatus = MediaStatus.DOWNLOADED; m.Caption = "my _receipt_"; });
        var html = await RenderAsync(image);
        Assert.Contains($"<img class=\"media-image\" src=\"/api/v1/messages/{image.Id}/media\"", html);
        Assert.Contains("<em>receipt</em>", html);

        var document = await RenderAsync(Build(m => { m.Type = MessageType.DOCUMENT; m.MediaStatus = MediaStatus.DOWNLOADED; m.FileName = "invoice.pdf"; m.MediaSize = 2_621_440; }));
        Assert.Contains("download=\"invoice.pdf\"", document);
        Assert.Contains("invoice.pdf · 2.5 MB", document);

        Assert.Contains("<audio", await RenderAsync(Build(m => { m.Type = MessageType.AUDIO; m.MediaStatus = MediaStatus.DOWNLOADED; })));
        Assert.Contains("<video", await RenderAsync(Build(m => { m.Type = MessageType.VIDEO; m.MediaStatus = MediaStatus.DOWNLOADED; })));

        var failed = await RenderAsync(Build(m => { m.Type = MessageType.VIDEO; m.MediaStatus = MediaStatus.FAILED; }), withActions: true);
        Assert.Contains("Video could not be downloaded", failed);
        Assert.Contains(">Retry download</button>", failed);
    }

    [Fact]
    public async Task Locations_link_to_a_map_and_choices_show_the_option_picked()
    {
        var location = await RenderAsync(Build(m => { m.Type = MessageType.LOCATION; m.Latitude = 51.5074; m.Longitude = -0.1278; m.LocationName = "Head office"; }));
        Assert.Contains("https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278", location);
        Assert.Contains("Head office", location);

        var choice = await RenderAsync(Build(m => { m.Type = MessageType.INTERACTIVE; m.ReplyOptionId = "track"; m.ReplyOptionTitle = "Track my order"; }));
        Assert.Contains("<strong>Track my order</strong>", choice);
    }

    [Fact]
    public async Task Reactions_quotes_and_unsupported_types_are_shown()
    {
        var reacted = await RenderAsync(Build(m => m.Text = "Thanks", [new ReactionDto("👍", MessageDirection.OUTBOUND, DateTimeOffset.UtcNow)]),
            quoted: Build(m => m.Text = "Can you check my order?"));
        Assert.Contains("data-testid=\"reactions\"", reacted);
        Assert.Contains("👍", reacted);
        Assert.Contains("Can you check my order?", reacted);

        var unsupported = await RenderAsync(Build(m => { m.Type = MessageType.UNSUPPORTED; m.Text = "Message type unknown"; }));
        Assert.Contains("Unsupported message type: Message type unknown", unsupported);
    }

    [Fact]
    public async Task Orders_flow_answers_ads_products_errors_edits_and_deletions_are_shown_with_the_message()
    {
        var order = await RenderAsync(Build(m =>
        {
            m.Type = MessageType.ORDER; m.Text = "Order of 3 item(s)";
            m.Details = new MessageDetails { Order = new OrderDetails("1", null, [new OrderItem("di9ozbzfi4", 2, 30.5m, "USD"), new OrderItem("nqryix03ez", 1, 25, "USD")], 86, "USD") };
        }));
        Assert.Contains("<td>di9ozbzfi4</td>", order);
        Assert.Contains("<td>2</td>", order);
        Assert.Contains("<td>30.50 USD</td>", order);
        Assert.Contains("data-testid=\"order-total\">86.00 USD</td>", order);

        var flow = await RenderAsync(Build(m =>
        {
            m.Type = MessageType.INTERACTIVE; m.ReplyOptionTitle = "Sent"; m.Text = "Full name: Ana";
            m.Details = new MessageDetails { Form = new FlowReply("flow", "Sent", [new FormField("screen_0_Full_name_0", "Full name", "Ana")]) };
        }));
        Assert.Contains("<dt>Full name</dt>", flow);
        Assert.Contains("<dd>Ana</dd>", flow);
        Assert.DoesNotContain("data-testid=\"choice\"", flow);

        var ad = await RenderAsync(Build(m =>
        {
            m.Text = "I saw your ad";
            m.Details = new MessageDetails
            {
                Referral = new AdReferral("https://fb.me/x", "ad", "1", "Summer sale", "Up to 50%", "image", "javascript:alert(1)", null, null),
                ReferredProduct = new ReferredProduct("194836987003835", "di9ozbzfi4"),
                Errors = [new ReportedError("131051", "Message type unknown", null, "Not supported")],
            };
        }));
        Assert.Contains("<strong>Summer sale</strong>", ad);
        Assert.Contains("href=\"https://fb.me/x\"", ad);
        Assert.DoesNotContain("javascript:", ad);
        Assert.Contains("Asks about product <strong>di9ozbzfi4</strong> (catalog 194836987003835)", ad);
        Assert.Contains("<li>131051 · Message type unknown · Not supported</li>", ad);

        var changed = await RenderAsync(Build(m =>
        {
            m.Text = "See you at 7"; m.EditedAt = m.Timestamp.AddMinutes(2); m.RevokedAt = m.Timestamp.AddMinutes(3);
            m.Details = new MessageDetails { EarlierTexts = [new EarlierText("See you at 5", m.Timestamp.AddMinutes(1))] };
        }));
        Assert.Contains("See you at 7", changed);
        Assert.Contains("<summary>Edited</summary>", changed);
        Assert.Contains("data-testid=\"earlier-text\">See you at 5</div>", changed);
        Assert.Contains("Deleted by the customer", changed);
    }
}
