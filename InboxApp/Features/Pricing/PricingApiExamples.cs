using InboxApp.Api;
using InboxApp.Core.Pricing;

namespace InboxApp.Features.Pricing;

/// <summary>Examples of the pricing requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class PricingApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<MarketPriceDto>("""
            {
              "market": "49",
              "name": "Germany",
              "marketing": 0.1365,
              "utility": 0.055,
              "authentication": 0.055,
              "service": 0,
              "currency": "USD",
              "updatedAt": "2025-07-01T00:00:00Z"
            }
            """)
        .Add<UpdatePricesRequest>("""
            {
              "markets": [
                { "market": "49", "name": "Germany", "marketing": 0.1365, "utility": 0.055, "authentication": 0.055, "service": 0 },
                { "market": "DEFAULT", "name": "Other", "marketing": 0.0604, "utility": 0.0077, "authentication": 0.0077 }
              ]
            }
            """)
        .Add<PriceRegionDto>("""
            {
              "market": "R_WEU",
              "name": "Rest of Western Europe",
              "countries": [
                { "code": "AD", "name": "Andorra" },
                { "code": "AT", "name": "Austria" },
                { "code": "BE", "name": "Belgium" }
              ]
            }
            """)
        .Add<UpdatePriceRegionRequest>("""
            {
              "countries": ["AD", "AT", "BE", "CH", "DK", "FI", "IE", "IS", "NO", "PT", "SE"]
            }
            """)
        .Add<EstimateCostRequest>("A template to numbers", """
            {
              "templateId": "270b67aa-e4f5-459c-8bff-6c80ffa8da53",
              "recipients": [ { "phone": "+4915112345678" }, { "phone": "+5511987654321" } ]
            }
            """)
        .Add<EstimateCostRequest>("A category to numbers", """
            {
              "category": "UTILITY",
              "phones": ["+4915112345678", "+5511987654321"]
            }
            """)
        .Add<EstimateCostRequest>("A template to the contacts with a tag", """
            {
              "templateId": "270b67aa-e4f5-459c-8bff-6c80ffa8da53",
              "tagId": "8c1d2f36-5a0e-4b7e-9d55-0f3e6b1c2a41",
              "phoneNumberId": "5f0c3e9a-7b21-4c8d-a1e4-2d6b9f3c8e70"
            }
            """)
        .Add<CostEstimate>("""
            {
              "category": "MARKETING",
              "currency": "USD",
              "recipients": 5,
              "priced": 2,
              "optedOut": 1,
              "blocked": 1,
              "duplicates": 0,
              "total": 0.199,
              "byCountry": [
                { "country": "DE", "market": "49", "marketName": "Germany", "recipients": 1, "unitPrice": 0.1365, "cost": 0.1365 },
                { "country": "BR", "market": "55", "marketName": "Brazil", "recipients": 1, "unitPrice": 0.0625, "cost": 0.0625 }
              ],
              "invalid": ["12"]
            }
            """)
        .Add<CostSummary>("""
            {
              "currency": "USD",
              "messages": 2,
              "total": 0.273,
              "byCategory": [ { "category": "MARKETING", "messages": 2, "cost": 0.273 } ],
              "byCountry": [ { "country": "DE", "market": "49", "messages": 2, "cost": 0.273 } ]
            }
            """)
        .Add<MetaCostReport>("""
            {
              "from": "2026-01-01T00:00:00Z",
              "to": "2026-02-01T00:00:00Z",
              "currency": "USD",
              "messages": 3,
              "total": 0.2764,
              "byCategory": [
                { "category": "MARKETING", "messages": 2, "cost": 0.273 },
                { "category": "UTILITY", "messages": 1, "cost": 0.0034 }
              ],
              "byCountry": [
                { "country": "DE", "market": "49", "messages": 2, "cost": 0.273 },
                { "country": "US", "market": "1", "messages": 1, "cost": 0.0034 }
              ]
            }
            """);
}
