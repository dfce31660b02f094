using System.Globalization;
using System.Threading.RateLimiting;
using InboxApp.Api;
using InboxApp.Core.SharedInboxLinks;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.SharedInboxLinks;

public sealed class SharedInboxLinksOptions
{
    public const string SectionName = "SharedInboxLinks";

    /// <summary>Requests per minute and client address to <c>/s/…</c> (the shared inbox pages and their files): guessing a secret is slowed down.</summary>
    public int RequestsPerMinutePerClient { get; set; } = 120;
}

/// <summary>
/// In front of the shared inbox URLs (<c>/s/{secret}</c>): a fixed window of requests per minute and client address (429
/// with <c>Retry-After</c> beyond it), and for the page itself the origins its link allows to frame it, which
/// <see cref="Security.SecurityHeadersMiddleware"/> writes into <c>Content-Security-Policy: frame-ancestors</c>.
/// </summary>
public sealed class SharedInboxGuardMiddleware : IDisposable
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the origins allowed to frame this response.</summary>
    public const string FrameOriginsKey = "shared-inbox.frame-origins";

    private readonly RequestDelegate next;
    private readonly PartitionedRateLimiter<string> limiter;

    public SharedInboxGuardMiddleware(RequestDelegate next, IOptions<SharedInboxLinksOptions> options)
    {
        this.next = next;
        var permits = Math.Max(1, options.Value.RequestsPerMinutePerClient);
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public async Task InvokeAsync(HttpContext context, SharedInboxService shared)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/s", out var rest) || !rest.HasValue)
        {
            await next(context);
            return;
        }
        using (var lease = limiter.AttemptAcquire(RateLimits.ClientKey(context)))
        {
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Too many requests; try again in a minute.", context.RequestAborted);
                return;
            }
        }
        var segments = rest.Value!.Trim('/').Split('/');
        // The page (/s/{secret} or /s/{secret}/{conversation}); not its files.
        if (HttpMethods.IsGet(context.Request.Method) && (segments.Length == 1 || (segments.Length == 2 && Guid.TryParse(segments[1], out _))))
            context.Items[FrameOriginsKey] = await shared.FrameOriginsAsync(segments[0], context.RequestAborted);
        await next(context);
    }

    public void Dispose() => limiter.Dispose();
}
