using System.Text;
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
        group.MapGet("", Verify);
        group.MapPost("", Receive);
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
