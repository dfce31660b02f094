using System.Text;
using InboxApp.Api;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.Webhooks;

/// <summary>
/// Meta's webhook: the verification handshake, and deliveries that are verified on the raw body, stored durably,
/// acknowledged with 200 and processed afterwards by the webhook worker.
/// </summary>
public static class WhatsAppWebhookEndpoints
{
    public static void MapWhatsAppWebhookEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/webhooks/whatsapp").WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();
        group.MapGet("", Verify)
            .WithSummary("Meta's verification handshake")
            .WithDescription("Called by Meta when the webhook is set up: echoes `hub.challenge` as text when `hub.verify_token` matches `WhatsApp:VerifyToken`.")
            .WithQuery("hub.mode", "Always `subscribe`.", values: ["subscribe"])
            .WithQuery("hub.verify_token", "The verify token entered in Meta's app dashboard.")
            .WithQuery("hub.challenge", "A number to echo back.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesError(StatusCodes.Status403Forbidden, "FORBIDDEN", "The verify token does not match (empty body).");
        group.MapPost("", Receive)
            .WithSummary("Receive Meta's webhook")
            .WithDescription("Called by Meta for every change of the numbers (messages, statuses, template and account updates). The signature (`X-Hub-Signature-256`, HMAC-SHA256 of the raw body with the app secret) is checked before the delivery is stored; it is acknowledged with 200 and processed afterwards by the webhook worker.")
            .WithRawBody("application/json", "Meta's delivery, exactly as Meta sends it.", """
                { "object": "whatsapp_business_account", "entry": [ { "id": "102290129340398", "changes": [ { "field": "messages", "value": {
                  "messaging_product": "whatsapp", "metadata": { "display_phone_number": "5511987650000", "phone_number_id": "106540352242922" },
                  "contacts": [ { "profile": { "name": "Ada" }, "wa_id": "5511987654321" } ],
                  "messages": [ { "from": "5511987654321", "id": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA", "timestamp": "1769860800", "type": "text", "text": { "body": "Where is my order?" } } ] } } ] } ] }
                """)
            .ProducesError(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "The signature is missing or wrong (empty body).")
            .ProducesError(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", "The body is larger than WhatsApp:MaxWebhookBytes (empty body).");
    }

    /// <summary><c>GET ?hub.mode=subscribe&amp;hub.verify_token=…&amp;hub.challenge=…</c>: echo the challenge when the token matches.</summary>
    private static Results<ContentHttpResult, ForbidHttpResult, StatusCodeHttpResult> Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        var expected = options.Value.VerifyToken;
        if (mode == "subscribe" && !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(challenge) && Secrets.FixedTimeEquals(token, expected))
            return TypedResults.Text(challenge, "text/plain");
        return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> Receive(HttpContext context, WebhookIngestor ingestor, WebhookSecretResolver secrets, IOptions<WhatsAppOptions> options)
    {
        var max = options.Value.MaxWebhookBytes;
        if (context.Request.ContentLength > max) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = max;

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length > max) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Verified on the raw bytes, before anything is stored: with the platform's app secret, or with the own Meta app
        // secret of an organization whose number the delivery names.
        var signature = context.Request.Headers[WebhookSignature.HeaderName].ToString();
        if (!WebhookSignature.IsValid(body, signature, options.Value.AppSecret))
        {
            var organizationSecrets = string.IsNullOrEmpty(signature) ? [] : await secrets.OrganizationSecretsAsync(body, context.RequestAborted);
            if (!organizationSecrets.Any(secret => WebhookSignature.IsValid(body, signature, secret)))
                return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);
        }

        await ingestor.StoreAsync(Encoding.UTF8.GetString(body), context.RequestAborted);
        return TypedResults.Ok();
    }
}
