using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BackCare.Data;
using BackCare.Interop.Tests.Fhir;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Interop;

/// <summary>
/// A FHIR client written by others (the npm package fhir-kit-client, run under Node by
/// tools/fhir-validate/client-check.mjs) reads the metadata, a patient, their Observations and their $everything
/// from BackCare served by Kestrel on a real loopback port, with the person's bearer token.
/// </summary>
public sealed class FhirClientTests : IAsyncLifetime
{
    private readonly BackCareFactory _factory = BackCareFactory.With(new()
    {
        ["Interop:PublicBaseUrl"] = "https://backcare.clinic.example",
        ["urls"] = "http://127.0.0.1:0",
    });

    private Uri _server = null!;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _server = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_a_running_server_When_fhir_kit_client_reads_metadata_a_patient_and_everything_Then_it_gets_valid_R4_resources()
    {
        var (person, assessmentId, diaryId) = await Patients.WithRecord(new HttpClient { BaseAddress = _server });
        using var owner = person;
        var (stranger, _, _) = await Patients.WithRecord(new HttpClient { BaseAddress = _server });
        using var other = stranger;

        var got = RunClient(new Uri(_server, "/fhir").AbsoluteUri, person.Token, person.Id, stranger.Id);

        got["metadata"]!["resourceType"]!.GetValue<string>().ShouldBe("CapabilityStatement");
        got["metadata"]!["fhirVersion"]!.GetValue<string>().ShouldBe("4.0.1");
        got["patient"]!["resourceType"]!.GetValue<string>().ShouldBe("Patient");
        got["patient"]!["id"]!.GetValue<string>().ShouldBe(person.Id.ToString());
        got["patient"]!["name"]![0]!["text"]!.GetValue<string>().ShouldBe("Robin Example");
        var everything = got["everything"]!.AsObject();
        everything["type"]!.GetValue<string>().ShouldBe("searchset");
        everything["entry"]!.AsArray().Select(e => $"{e!["resource"]!["resourceType"]}/{e["resource"]!["id"]}").ShouldBe(
        [
            $"Patient/{person.Id}", $"Observation/diary-{diaryId}", $"Observation/assessment-{assessmentId}",
            $"QuestionnaireResponse/{assessmentId}", $"CarePlan/{assessmentId}",
        ], ignoreOrder: true);
        got["observations"]!["total"]!.GetValue<int>().ShouldBe(2);
        got["other"]!["status"]!.GetValue<int>().ShouldBe(404);
        got["other"]!["body"]!["resourceType"]!.GetValue<string>().ShouldBe("OperationOutcome");

        var run = FhirValidator.Validate(new Dictionary<string, JsonObject>
        {
            ["metadata"] = got["metadata"]!.AsObject(),
            ["patient"] = got["patient"]!.AsObject(),
            ["everything"] = everything,
            ["observations"] = got["observations"]!.AsObject(),
            ["not-found"] = got["other"]!["body"]!.AsObject(),
        });
        run.ExitCode.ShouldBe(0, run.Output);

        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var audited = await db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == person.Id && e.ActorId == person.Id)
            .Select(e => e.ResourceType).ToListAsync();
        audited.ShouldContain("Fhir.Patient");
        audited.ShouldContain("Fhir.Patient.$everything");
        audited.ShouldContain("Fhir.Observation");
        (await db.AuditEvents.AsNoTracking().CountAsync(e => e.SubjectId == stranger.Id && e.ActorId == person.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_running_server_When_fhir_kit_client_reads_without_a_valid_token_Then_it_is_refused_with_401()
    {
        using var client = new HttpClient { BaseAddress = _server };
        var person = await Patients.NewPerson(client);

        var exit = RunClientExpectingFailure(new Uri(_server, "/fhir").AbsoluteUri, "not-a-token", person.Id);

        exit.Output.ShouldContain("HTTP 401");
        exit.ExitCode.ShouldNotBe(0);
    }

    private static JsonObject RunClient(string fhirBase, string token, Guid patientId, Guid otherPatientId)
    {
        var (exitCode, output, errors) = Run(fhirBase, token, patientId, otherPatientId);
        exitCode.ShouldBe(0, errors);
        return JsonNode.Parse(output)!.AsObject();
    }

    private static (int ExitCode, string Output) RunClientExpectingFailure(string fhirBase, string token, Guid patientId)
    {
        var (exitCode, output, errors) = Run(fhirBase, token, patientId, null);
        return (exitCode, output + errors);
    }

    private static (int ExitCode, string Output, string Errors) Run(string fhirBase, string token, Guid patientId, Guid? otherPatientId)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(FhirValidator.ToolFolder(), "client-check.mjs"));
        start.ArgumentList.Add(fhirBase);
        start.ArgumentList.Add(patientId.ToString());
        if (otherPatientId is { } other)
        {
            start.ArgumentList.Add(other.ToString());
        }

        start.Environment["BACKCARE_TOKEN"] = token;
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Node.js (the `node` command) is needed to run fhir-kit-client.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("fhir-kit-client did not finish within two minutes.");
        }

        return (process.ExitCode, output, errors.Result);
    }
}
