using InboxApp.Api;
using InboxApp.Core.OptOuts;

namespace InboxApp.Features.OptOuts;

/// <summary>Examples of the Opt-outs requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class OptOutsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<AddOptOutRequest>("""
            {
              "phone": "+4915112345678",
              "note": "Asked by phone not to receive offers"
            }
            """)
        .Add<ImportOptOutsRequest>("""
            {
              "phones": ["+4915112345678", "+5511987654321"]
            }
            """)
        .Add<OptOutSettingsRequest>("""
            {
              "keywordsEnabled": true,
              "stopKeywords": ["STOP", "UNSUBSCRIBE", "ARRÊT", "BAJA"],
              "startKeywords": ["START"],
              "optOutReply": "You have been unsubscribed. Reply START to subscribe again.",
              "optInReply": "You are subscribed again. Reply STOP to unsubscribe."
            }
            """)
        .Add<OptOutDto>("""
            {
              "id": "5b0f7f0e-8d6e-4f43-9a59-3f1f7f8a2c11",
              "phone": "+4915112345678",
              "phoneKey": "4915112345678",
              "country": "DE",
              "contactId": "0f8fad5b-d9cb-469f-a165-70867728950e",
              "contactName": "Lena Koch",
              "source": "KEYWORD",
              "keyword": "STOP",
              "createdAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<OptOutImportResult>("""
            {
              "added": 1,
              "alreadyOptedOut": 1,
              "invalid": ["12"]
            }
            """)
        .Add<OptOutSettingsDto>("""
            {
              "keywordsEnabled": true,
              "stopKeywords": ["STOP", "UNSUBSCRIBE", "ARRÊT", "BAJA"],
              "startKeywords": ["START"],
              "optOutReply": "You have been unsubscribed. Reply START to subscribe again.",
              "optInReply": "You are subscribed again. Reply STOP to unsubscribe.",
              "isDefault": false,
              "updatedAt": "2026-01-31T12:00:00Z"
            }
            """);
}
