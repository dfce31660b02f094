using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace InboxApp.Api;

/// <summary>
/// The sign-in rate limits. Each is a fixed window of one minute per client address, the address after trusted forwarded
/// headers (<see cref="Security.ProxyAndHttps"/>: behind a configured proxy, the browser's own address; IPv6 clients by their
/// /64 network). Credential endpoints are also limited per account (<see cref="AccountRateLimitFilter"/>), so guessing one
/// account's password or code is slow from any number of addresses. Token refresh has its own, larger budget: many API
/// clients behind one address refresh normally without locking anyone out of signing in.
/// </summary>
public static class RateLimits
{
    /// <summary>Sign-in endpoints: <c>Api:AuthRequestsPerMinute</c> per client address.</summary>
    public const string Auth = "auth";

    /// <summary>Token refresh: <c>Api:RefreshRequestsPerMinute</c> per client address.</summary>
    public const string Refresh = "auth-refresh";

    public static IServiceCollection AddInboxRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<AccountRateLimiter>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Auth, context => PerClient(context, Options(context).AuthRequestsPerMinute));
            o.AddPolicy(Refresh, context => PerClient(context, Options(context).RefreshRequestsPerMinute));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var ra) ? (int)Math.Ceiling(ra.TotalSeconds) : 60;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new ErrorEnvelope(new ErrorBody($"Too many requests; retry in {retryAfter} seconds", ErrorCodes.RateLimited)), ct);
            };
        });
        return services;
    }

    /// <summary>The client's partition key: its IPv4 address, or the /64 network of an IPv6 address.</summary>
    public static string ClientKey(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null) return "local";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(ip)) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static ApiOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientKey(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}

/// <summary>One fixed window of a minute per account (the normalized email): <c>Api:AuthRequestsPerAccountPerMinute</c>.</summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public AccountRateLimiter(IOptions<ApiOptions> options)
    {
        var permits = options.Value.AuthRequestsPerAccountPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Counts an attempt on <paramref name="email"/>'s account; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string email)
    {
        using var lease = limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// Limits credential endpoints per account as well as per client: the account is the <c>email</c> of the request (a JSON
/// body's <c>Email</c>, or the sign-in form's <c>email</c> field). Over the limit, the API answers 429 RATE_LIMITED with
/// <c>Retry-After</c> and the sign-in form goes back to the login page with the message.
/// </summary>
public sealed class AccountRateLimitFilter(AccountRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var email = await AccountOfAsync(context);
        if (string.IsNullOrWhiteSpace(email) || limiter.TryAcquire(email) is not { } wait) return await next(context);

        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var message = $"Too many sign-in attempts for this account; retry in {seconds} seconds";
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (ApiErrorMiddleware.IsApi(http.Request.Path))
            return TypedResults.Json(new ErrorEnvelope(new ErrorBody(message, ErrorCodes.RateLimited)), statusCode: StatusCodes.Status429TooManyRequests);
        return TypedResults.LocalRedirect($"/login?error={Uri.EscapeDataString(message)}&email={Uri.EscapeDataString(email)}");
    }

    private static async Task<string?> AccountOfAsync(EndpointFilterInvocationContext context)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is null) continue;
            var type = argument.GetType();
            if (type.Name.EndsWith("Request", StringComparison.Ordinal) && type.GetProperty("Email")?.GetValue(argument) is string email) return email;
        }
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType) return null;
        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        return form["email"].FirstOrDefault();
    }
}
