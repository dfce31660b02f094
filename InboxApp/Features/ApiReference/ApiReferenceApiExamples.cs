using InboxApp.Api;

namespace InboxApp.Features.ApiReference;

/// <summary>Examples of the ApiReference requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class ApiReferenceApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<HealthResponse>("""
            {
              "status": "ok"
            }
            """);
}
