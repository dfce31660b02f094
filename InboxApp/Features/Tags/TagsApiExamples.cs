using InboxApp.Api;
using InboxApp.Core.Tags;

namespace InboxApp.Features.Tags;

/// <summary>Examples of the Tags requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class TagsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<TagRequest>("""
            {
              "name": "VIP",
              "color": "#dc2626"
            }
            """)
        .Add<TagDto>("""
            {
              "id": "270b67aa-e4f5-459c-8bff-6c80ffa8da53",
              "name": "VIP",
              "color": "#dc2626",
              "usageCount": 12,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<TagColor>("""
            {
              "name": "Red",
              "hex": "#dc2626"
            }
            """);
}
