using System.Net;

namespace BackCare.Web.Tests.Hardening;

public sealed class DatabaseFileModeTests
{
    [Fact]
    public async Task Given_no_database_yet_When_the_app_creates_it_Then_only_the_server_s_user_may_read_the_file_or_open_its_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var root = Path.Combine(Path.GetTempPath(), $"backcare-mode-{Guid.NewGuid():N}");
        var folder = Path.Combine(root, "data");
        var database = Path.Combine(folder, "backcare.db");
        try
        {
            using (var factory = BackCareFactory.OnDatabase(database))
            using (var client = factory.CreateClient())
            {
                using var response = await client.GetAsync("/api/clinics");
                response.StatusCode.ShouldBe(HttpStatusCode.OK);

                File.GetUnixFileMode(database).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
                new DirectoryInfo(folder).UnixFileMode.ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                foreach (var companion in new[] { "-wal", "-shm" }.Select(s => database + s).Where(File.Exists))
                {
                    File.GetUnixFileMode(companion).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, companion);
                }
            }
        }
        finally
        {
            BackCareFactory.DeleteDatabase(database);
            Directory.Delete(root, recursive: true);
        }
    }
}
