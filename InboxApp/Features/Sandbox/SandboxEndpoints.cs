using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Sandbox;

/// <summary>The sandbox channel: sandbox numbers and the CX seed's <c>/dev/simulate/*</c> endpoints (admins, sandbox numbers only).</summary>
public static class SandboxEndpoints
{
    public static RouteGroupBuilder MapSandboxEndpoints(this RouteGroupBuilder api)
    {
        var numbers = api.MapGroup("/sandbox").WithTags("Sandbox").RequireAuthorization(AuthSetup.ApiPolicy);
        numbers.MapGet("/numbers", ListNumbers);
        numbers.MapPost("/numbers", CreateNumber);

        var simulate = api.MapGroup("/dev/simulate").WithTags("Sandbox").RequireAuthorization(AuthSetup.ApiPolicy);
        simulate.MapPost("/conversation", Conversation);
        simulate.MapPost("/batch", Batch);
        simulate.MapPost("/message", Message);
        // Bearer-authenticated multipart upload: no cookies, so no antiforgery; its own body limit (documents may be 100 MB).
        var maxUpload = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MediaDownloadOptions>>().Value;
        simulate.MapPost("/media", Media).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(new[] { maxUpload.MaxImageBytes, maxUpload.MaxAudioBytes, maxUpload.MaxDocumentBytes }.Max() + 64 * 1024));
        simulate.MapPost("/template-status", TemplateStatus);
        simulate.MapDelete("/cleanup", Cleanup);
        simulate.MapPost("/next-failure", ArmFailure);
        simulate.MapDelete("/next-failure/{conversationId:guid}", DisarmFailures);
        return simulate;
    }

    private static async Task<Ok<ListEnvelope<SandboxNumberDto>>> ListNumbers(ClaimsPrincipal user, SandboxService sandbox, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await sandbox.ListNumbersAsync(user.ToActor(), ct)));

    private static async Task<Created<DataEnvelope<SandboxNumberDto>>> CreateNumber(CreateSandboxNumberRequest? request, ClaimsPrincipal user, SandboxService sandbox, CancellationToken ct)
    {
        var number = await sandbox.CreateNumberAsync(user.ToActor(), request?.Alias, ct);
        return TypedResults.Created($"/api/v1/sandbox/numbers/{number.Id}", Envelope.Data(number));
    }

    private static async Task<Created<DataEnvelope<SimulatedConversationDto>>> Conversation(SimulateConversationRequest request, ClaimsPrincipal user, SandboxSimulator simulator, CancellationToken ct)
    {
        var result = await simulator.SimulateConversationAsync(user.ToActor(), request.ToSimulation(), ct);
        return TypedResults.Created($"/api/v1/conversations/{result.ConversationId}", Envelope.Data(result));
    }

    private static async Task<Created<ListEnvelope<SimulatedConversationDto>>> Batch(SimulateBatchRequest request, ClaimsPrincipal user, SandboxSimulator simulator, CancellationToken ct)
    {
        var results = await simulator.SimulateBatchAsync(user.ToActor(), request.Conversations!.Select(c => c.ToSimulation()).ToList(), ct);
        return TypedResults.Created("/api/v1/conversations", Envelope.All(results));
    }

    private static async Task<Created<DataEnvelope<SimulatedMessageDto>>> Message(SimulateMessageRequest request, ClaimsPrincipal user, SandboxSimulator simulator, CancellationToken ct)
    {
        var result = await simulator.SimulateMessageAsync(user.ToActor(), request.ConversationId!.Value, request.ToContent(), ct);
        return TypedResults.Created($"/api/v1/conversations/{result.ConversationId}", Envelope.Data(result));
    }

    /// <summary>
    /// The customer sends a file: multipart form with <c>conversationId</c>, <c>type</c> (image, document or audio), <c>file</c>,
    /// and <c>caption</c> (image, document) or <c>voice=true</c> (audio as a voice note).
    /// </summary>
    private static async Task<Created<DataEnvelope<SimulatedMessageDto>>> Media(HttpRequest request, ClaimsPrincipal user, SandboxSimulator simulator, CancellationToken ct)
    {
        var actor = user.ToActor();
        actor.Require(Core.Identity.UserRole.ADMIN); // 403 before the body is read.
        var (form, file) = await MultipartUpload.ReadAsync(request, "file", "file", ct);
        if (!Guid.TryParse(form["conversationId"].ToString(), out var conversationId))
            throw InboxException.Invalid("conversationId", "conversationId is required (a conversation id)");
        var type = form["type"].ToString();
        var voice = form["voice"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            _ => throw InboxException.Invalid("voice", "voice must be true or false"),
        };
        var caption = form["caption"].ToString();
        await using var content = file.OpenReadStream();
        var result = await simulator.SimulateMediaAsync(actor, conversationId, type, new SandboxUpload(content, file.ContentType, file.FileName, file.Length),
            caption.Length == 0 ? null : caption, voice, ct);
        return TypedResults.Created($"/api/v1/conversations/{result.ConversationId}", Envelope.Data(result));
    }

    private static async Task<Ok<DataEnvelope<SimulatedTemplateStatusDto>>> TemplateStatus(SimulateTemplateStatusRequest request, ClaimsPrincipal user, SandboxSimulator simulator, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await simulator.SimulateTemplateStatusAsync(user.ToActor(), request.PhoneNumberId, request.TemplateName!, request.Event!,
            request.Language, request.Reason, ct)));

    private static async Task<Ok<DataEnvelope<SandboxCleanupDto>>> Cleanup(ClaimsPrincipal user, SandboxService sandbox, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await sandbox.CleanupAsync(user.ToActor(), ct)));

    private static async Task<Created<DataEnvelope<SandboxFailureDto>>> ArmFailure(ArmFailureRequest request, ClaimsPrincipal user, SandboxService sandbox, CancellationToken ct)
    {
        var failure = await sandbox.ArmFailureAsync(user.ToActor(), request.ConversationId, request.PhoneNumberId, request.ErrorCode ?? SandboxSender.DefaultFailureCode, ct);
        return TypedResults.Created($"/api/v1/dev/simulate/next-failure/{failure.Id}", Envelope.Data(failure));
    }

    private static async Task<NoContent> DisarmFailures(Guid conversationId, ClaimsPrincipal user, SandboxService sandbox, CancellationToken ct)
    {
        await sandbox.DisarmFailuresAsync(user.ToActor(), conversationId, ct);
        return TypedResults.NoContent();
    }
}
