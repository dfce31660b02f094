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
        numbers.MapGet("/numbers", ListNumbers)
            .WithSummary("List sandbox numbers")
            .WithDescription("The organization's sandbox numbers: pretend WhatsApp numbers that talk to simulated customers instead of Meta. Admins only.");
        numbers.MapPost("/numbers", CreateNumber)
            .WithSummary("Create a sandbox number")
            .WithDescription("Adds a sandbox number (with an optional `alias`; the body may be left out) to try the inbox without Meta. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "An organization can have at most 5 sandbox numbers (Sandbox:MaxNumbersPerOrganization)");

        var simulate = api.MapGroup("/dev/simulate").WithTags("Sandbox").RequireAuthorization(AuthSetup.ApiPolicy);
        simulate.MapPost("/conversation", Conversation)
            .WithSummary("Simulate a customer writing in")
            .WithDescription("A simulated customer (`contact`) sends `messages` to a sandbox number (`phoneNumberId`, default the first): they go through the real webhook pipeline and the answer names the conversation. Admins only.")
            .ProducesError(StatusCodes.Status400BadRequest, SandboxService.NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "This organization has no sandbox number yet; create one with POST /api/v1/sandbox/numbers")
            .ProducesError(StatusCodes.Status503ServiceUnavailable, "SIMULATION_NOT_PROCESSED", "The simulated delivery was stored but has not been processed yet; check the webhook event log");
        simulate.MapPost("/batch", Batch)
            .WithSummary("Simulate many customers")
            .WithDescription("Several `/conversation` simulations at once (up to 20); the answer lists their conversations in order. Admins only.")
            .ProducesError(StatusCodes.Status400BadRequest, SandboxService.NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "This organization has no sandbox number yet; create one with POST /api/v1/sandbox/numbers")
            .ProducesError(StatusCodes.Status503ServiceUnavailable, "SIMULATION_NOT_PROCESSED", "The simulated delivery was stored but has not been processed yet; check the webhook event log");
        simulate.MapPost("/message", Message)
            .WithSummary("Simulate a customer message")
            .WithDescription("The customer of a sandbox conversation sends a text, a location, a reaction (`messageId`, `emoji`) or a button reply (`buttonTitle`, `buttonId`). Admins only.")
            .ProducesError(StatusCodes.Status400BadRequest, SandboxService.NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Conversation not found")
            .ProducesError(StatusCodes.Status503ServiceUnavailable, "SIMULATION_NOT_PROCESSED", "The simulated delivery was stored but has not been processed yet; check the webhook event log");
        // Bearer-authenticated multipart upload: no cookies, so no antiforgery; its own body limit (documents may be 100 MB).
        var maxUpload = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MediaDownloadOptions>>().Value;
        simulate.MapPost("/media", Media)
            .WithSummary("Simulate a customer sending a file")
            .WithDescription("The customer of a sandbox conversation sends an image, a document or an audio (a voice note with `voice=true`); the file is stored as if downloaded from Meta. Admins only.")
            .WithMultipartBody("The file and its fields, as multipart/form-data.",
                ApiFormField.Text("conversationId", "The sandbox conversation.", "6d80b42f-e6b7-4114-8781-fbc1f223afd1", required: true),
                ApiFormField.Text("type", "What the customer sends.", "image", required: true, values: SimulatedContent.MediaKinds),
                ApiFormField.File("file", "The file; its content type must match `type`.", "receipt.jpg"),
                ApiFormField.Text("caption", "Text under an image or document (not audio).", "My receipt"),
                ApiFormField.Text("voice", "`true` to send an audio as a voice note.", "false", values: ["true", "false"]))
            .ProducesError(StatusCodes.Status400BadRequest, SandboxService.NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Conversation not found")
            .ProducesError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The file is larger than WhatsApp accepts for its kind")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(new[] { maxUpload.MaxImageBytes, maxUpload.MaxAudioBytes, maxUpload.MaxDocumentBytes }.Max() + 64 * 1024));
        simulate.MapPost("/template-status", TemplateStatus)
            .WithSummary("Simulate a template status change")
            .WithDescription("Meta tells that a message template was approved, rejected, paused… (`event`), as its webhook would; the answer tells what the app recorded. Admins only.")
            .ProducesError(StatusCodes.Status400BadRequest, SandboxService.NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "This organization has no sandbox number yet; create one with POST /api/v1/sandbox/numbers");
        simulate.MapDelete("/cleanup", Cleanup)
            .WithSummary("Delete the sandbox's conversations")
            .WithDescription("Deletes the conversations, messages, contacts and files of the organization's sandbox numbers (the numbers stay) and answers what was deleted. Admins only.");
        simulate.MapPost("/next-failure", ArmFailure)
            .WithSummary("Make the next reply fail")
            .WithDescription("The next message sent in `conversationId` (or from `phoneNumberId`) fails as Meta would fail it, with `errorCode` (default 131026, undeliverable). Admins only.")
            .ProducesError(StatusCodes.Status400BadRequest, SandboxService.NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Conversation not found");
        simulate.MapDelete("/next-failure/{conversationId:guid}", DisarmFailures)
            .WithSummary("Cancel armed failures")
            .WithDescription("Forgets the failures armed for the conversation. Admins only.");
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
