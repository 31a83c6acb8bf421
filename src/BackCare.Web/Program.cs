using BackCare.Data.Storage;
using BackCare.Web.Accounts;
using BackCare.Web.Assessments;
using BackCare.Web.Benchmarks;
using BackCare.Web.Check;
using BackCare.Web.Clinics;
using BackCare.Web.Content;
using BackCare.Web.Diary;
using BackCare.Web.Health;
using BackCare.Web.Hosting;
using BackCare.Web.Today;
using BackCare.Web.Interop;

var builder = WebApplication.CreateBuilder(args);

HostingDefaults.ServeOnDefaultUrlUnlessTold(builder);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = HostingDefaults.MaxRequestBodyBytes;
});

builder.Services.AddBackCareHosting(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddAssessments();
builder.Services.AddDiary();
builder.Services.AddCheck(builder.Configuration);
builder.Services.AddContentLibrary(builder.Environment);
builder.Services.AddRecoveryPages();
builder.Services.AddClinicPages(builder.Configuration);
builder.Services.AddBackCareHealthChecks();
builder.Services.AddClinics(builder.Configuration);
builder.Services.AddRazorPages(options => options.RootDirectory = "/");
builder.Services.AddOpenApi();
builder.Services.AddInterop(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

var app = builder.Build();
await app.Services.InitializeBackCareStorageAsync();

app.UseBackCareHosting();
app.UseStaticFiles();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapOpenApi();
app.MapAccounts();
app.MapAssessments();
app.MapSavedAssessments();
app.MapDiary();
app.MapInterop();
app.MapClinics();
app.MapClinicMessages();
app.MapHealth();
app.MapContentAssets();
app.MapEcho(app.Configuration);
app.MapRazorPages();

await app.RunAsync();

/// <summary>The web app's entry point; public so that the tests can host it.</summary>
public partial class Program;
