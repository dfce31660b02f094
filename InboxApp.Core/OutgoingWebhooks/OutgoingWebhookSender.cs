using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>What one attempt got: a status code (null when no answer came), the time it took, and a short excerpt or error.</summary>
public sealed record WebhookAttemptResult(bool Success, int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error);

/// <summary>
/// Posts one signed delivery. Its HTTP client follows no redirects, uses no proxy, and connects only to an address that
/// <see cref="WebhookTargetGuard"/> approved inside the connect callback itself (resolution and check happen there, and the
/// socket goes to that address), so a DNS answer that changes after the save cannot point a delivery at an internal address.
/// </summary>
public sealed class OutgoingWebhookSender : IDisposable
{
    private readonly HttpClient http;
    private readonly WebhookTargetGuard guard;
    private readonly IOptions<OutgoingWebhookOptions> options;

    public OutgoingWebhookSender(WebhookTargetGuard guard, IOptions<OutgoingWebhookOptions> options)
    {
        this.guard = guard;
        this.options = options;
        var handler = guard.CreateHandler();
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("InboxApp-Webhooks/1.0");
    }

    public async Task<WebhookAttemptResult> SendAsync(string url, Guid messageId, string payload, IReadOnlyList<string> secrets, DateTimeOffset now, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (secrets.Count == 0) return new(false, null, 0, null, "The endpoint's secret cannot be read (the data protection keys changed); rotate it");
            guard.CheckForm(url);
            var id = "msg_" + messageId.ToString("N");
            var timestamp = now.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Header(secrets, id, timestamp, payload));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.RequestTimeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var code = (int)response.StatusCode;
            var ok = code is >= 200 and < 300;
            return new(ok, code, Elapsed(clock), excerpt, ok ? null : $"The endpoint answered {code}");
        }
        catch (WebhookTargetRefusedException e)
        {
            return new(false, null, Elapsed(clock), null, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
        {
            var refused = e.GetBaseException() as WebhookTargetRefusedException;
            var message = refused?.Message ?? (e is OperationCanceledException ? "The endpoint did not answer in time" : e.GetBaseException().Message);
            return new(false, null, Elapsed(clock), null, Cut(message, OutgoingWebhookDelivery.MaxErrorLength));
        }
    }

    private static int Elapsed(Stopwatch clock) => (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds);

    /// <summary>The first kilobyte of the answer, as text.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[OutgoingWebhookDelivery.MaxExcerptLength];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        if (read == 0) return null;
        return Cut(Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal), OutgoingWebhookDelivery.MaxExcerptLength);
    }

    private static string Cut(string s, int max) => s.Length > max ? s[..max] : s;

    public void Dispose() => http.Dispose();
}
