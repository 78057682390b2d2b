// The shared schema sources (../Shared/Schemas) name spans TextSpan: here Roslyn's, so diagnostics point into files.
global using TextSpan = Microsoft.CodeAnalysis.Text.TextSpan;
global using TypedProducer.Schemas;
global using TypedProducer.Schemas.Avro;
global using TypedProducer.Schemas.Json;
