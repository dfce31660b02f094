using System.Globalization;
using System.Threading.RateLimiting;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace InboxApp.Api;

public static class RateLimits
{
    /// <summary>Sign-in endpoints: a fixed window per client IP (<c>Api:AuthRequestsPerMinute</c>).</summary>
    public const string Auth = "auth";

    public static IServiceCollection AddInboxRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Auth, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.AuthRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
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
}
