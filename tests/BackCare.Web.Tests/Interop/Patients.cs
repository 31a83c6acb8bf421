using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCare.Web.Tests.Accounts;

namespace BackCare.Web.Tests.Interop;

/// <summary>A person signed in through the real endpoints, with their account id (their FHIR Patient id).</summary>
public sealed record Person(Guid Id, string Token, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

internal static class Patients
{
    /// <summary>An emergency (new bladder trouble and saddle numbness) with a pain score of 6.</summary>
    public const string EmergencyCase = """{"id":"e","age":52,"sex":"female","findings":{"pain_score":6,"onset_days":3,"bladder_dysfunction":true,"saddle_numbness":true}}""";

    /// <summary>Registers and signs in a new person; <paramref name="client"/> is the HTTP client to use (a test host's or a real one).</summary>
    public static async Task<Person> NewPerson(HttpClient client)
    {
        var email = Accounts.Accounts.NewEmail();
        using (var registered = await Accounts.Accounts.Register(client, email, displayName: "Robin Example"))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var login = await Accounts.Accounts.Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var accessToken = token.RootElement.GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        // Registration answers the same for a new and a taken email, so it names no id: the person's own export does.
        using var export = await client.GetAsync("/api/account/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var record = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        return new Person(record.RootElement.GetProperty("account").GetProperty("id").GetGuid(), accessToken, client);
    }

    /// <summary>A person with a saved emergency assessment (pain 6) and one diary entry (pain 4).</summary>
    public static async Task<(Person Person, Guid AssessmentId, Guid DiaryId)> WithRecord(HttpClient client)
    {
        var person = await NewPerson(client);
        using var assessed = await Accounts.Accounts.PostCase(person.Client, EmergencyCase);
        assessed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var assessmentId = Guid.Parse(assessed.Headers.Location!.ToString()["/api/assessments/".Length..]);

        using var diary = await person.Client.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 1 });
        diary.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var entry = JsonDocument.Parse(await diary.Content.ReadAsStringAsync());
        return (person, assessmentId, entry.RootElement.GetProperty("id").GetGuid());
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
