using System.Net.Http.Headers;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;
using InboxApp.Core.OutgoingWebhooks;
using InboxApp.Core.Storage;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.PublicApi;

/// <summary>A linked file being downloaded: its body (limited to the kind's size, within the fetch's time), length and type.</summary>
public sealed class LinkedMedia(HttpResponseMessage response, Stream content, long length, string? contentType, string? fileName, CancellationTokenSource deadline)
    : IDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;
    public string? ContentType { get; } = contentType;
    public string? FileName { get; } = fileName;

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
        deadline.Dispose();
    }
}

/// <summary>
/// Downloads the file a partner names by <c>link</c> in a <c>/v1</c> media message. We fetch it ourselves rather than pass
/// the link to Meta: the inbox must show the sent file (it is stored like an upload and sent by media id, as WhatsApp
/// recommends), and Meta fetching a URL we never checked would leave the thread without the file. The fetch is as guarded as
/// a partner webhook (<see cref="WebhookTargetGuard"/>): https only, no credentials, the host resolved and every address
/// public, checked again in the connect callback and the socket connected to the checked address, no redirects, no proxy;
/// the answer must be 2xx, of a content type WhatsApp accepts for the kind, and no larger than WhatsApp's limit for the
/// kind (declared length first, then the bytes that arrive), within <see cref="PublicApiOptions.MediaLinkTimeout"/>.
/// Every refusal is a 400 on <c>{type}.link</c>.
/// </summary>
public sealed class MediaLinkFetcher : IDisposable
{
    private readonly HttpClient http;
    private readonly WebhookTargetGuard guard;
    private readonly IOptions<MessagingOptions> messaging;
    private readonly IOptions<PublicApiOptions> options;

    public MediaLinkFetcher(WebhookTargetGuard guard, IOptions<MessagingOptions> messaging, IOptions<PublicApiOptions> options)
    {
        this.guard = guard;
        this.messaging = messaging;
        this.options = options;
        http = new HttpClient(guard.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("InboxApp-MediaFetch/1.0");
    }

    /// <summary>Opens the linked file for <paramref name="kind"/>, or throws 400 on <paramref name="field"/>.</summary>
    public async Task<LinkedMedia> OpenAsync(string field, string link, MessageType kind, CancellationToken ct)
    {
        Uri uri;
        try
        {
            (uri, _) = await guard.CheckAsync(link, ct);
        }
        catch (WebhookTargetRefusedException e)
        {
            throw InboxException.Invalid(field, "The link was refused: " + e.Message);
        }
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.MediaLinkTimeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
                throw InboxException.Invalid(field, $"The link redirects ({status}); give the file's final address");
            if (status is < 200 or >= 300) throw InboxException.Invalid(field, $"The link answered {status}");
            var max = messaging.Value.MaxBytesFor(kind);
            var declared = response.Content.Headers.ContentLength;
            if (declared > max) throw TooLarge(field, kind, max, declared.Value);
            var type = MediaTypes.Essence(response.Content.Headers.ContentType?.MediaType);
            var accepted = OutboundMediaRules.AcceptedTypes(kind).ToList();
            if (type is not ("" or "application/octet-stream") && !accepted.Contains(type))
                throw InboxException.Invalid(field, $"The link serves {type}, which cannot be sent as a WhatsApp {MediaTypes.Noun(kind)}; accepted: {string.Join(", ", accepted)}");
            var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var limited = new LimitedStream(body, max, deadline.Token, () => TooLarge(field, kind, max, null));
            var fileName = Uri.UnescapeDataString(uri.AbsolutePath.Split('/').LastOrDefault() ?? "");
            var media = new LinkedMedia(response, limited, declared ?? 0, type.Length == 0 ? null : type, fileName.Length == 0 ? null : fileName, deadline);
            response = null;
            return media;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw Failed(field, e);
        }
        finally
        {
            if (response is not null)
            {
                response.Dispose();
                deadline.Dispose();
            }
        }
    }

    /// <summary>A failure of the download: refused address, no answer in time, a broken connection.</summary>
    public static InboxException Failed(string field, Exception e) => e.GetBaseException() switch
    {
        WebhookTargetRefusedException refused => InboxException.Invalid(field, "The link was refused: " + refused.Message),
        OperationCanceledException or TimeoutException => InboxException.Invalid(field, "The link did not answer in time"),
        var inner => InboxException.Invalid(field, "The link could not be downloaded: " + inner.Message),
    };

    private static InboxException TooLarge(string field, MessageType kind, long max, long? size) =>
        InboxException.Invalid(field, $"WhatsApp accepts {MediaTypes.Plural(kind)} of at most {MediaStore.Describe(max)}; the linked file is " +
            (size is { } s ? MediaStore.Describe(s) : "larger"));

    public void Dispose() => http.Dispose();

    /// <summary>The response body, refusing to give more than the limit and every read bound to the fetch's deadline.</summary>
    private sealed class LimitedStream(Stream inner, long max, CancellationToken deadline, Func<Exception> tooLarge) : Stream
    {
        private long read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline);
            var n = await inner.ReadAsync(buffer, both.Token);
            read += n;
            if (read > max) throw tooLarge();
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
