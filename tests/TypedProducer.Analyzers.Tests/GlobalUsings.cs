// The analyzers' schema model is shared source (src/Shared/Schemas), in these namespaces.
global using TypedProducer.Schemas;
global using TypedProducer.Schemas.Avro;
global using TypedProducer.Schemas.Json;
