namespace BackCare.Data.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
