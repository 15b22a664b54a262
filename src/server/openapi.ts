// GET /openapi.json: the service's interface as an OpenAPI 3.1 document (hand-written; the routes are few).
export function openapiDocument(version: string): Record<string, unknown> {
  const err = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const job = { in: 'path', name: 'id', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: { title: 'onnx-sane service', version, description: 'SANE / Hessian spectra of ONNX models as jobs. Paths are relative to the service root.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } } },
        JobRequest: {
          type: 'object', required: ['model', 'data'],
          properties: { model: { type: 'string' }, data: { type: 'string' }, options: { type: 'object', description: 'options of score()' } },
        },
        Job: {
          type: 'object',
          properties: {
            id: { type: 'string' }, state: { enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] },
            progress: { type: 'object' }, result: { type: 'object', description: 'the `sane score --json` object plus id, status, graphReused; or status "error" with reason and message' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/jobs': {
        post: {
          summary: 'submit a job: JSON {model, data, options} (paths under the root) or multipart with files "model" and "data" and a field "options" (JSON)',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/JobRequest' } }, 'multipart/form-data': { schema: { type: 'object' } } } },
          responses: { 202: { description: 'accepted', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } }, 400: err, 401: err, 403: err, 404: err, 413: err, 422: err },
        },
      },
      '/v1/jobs/{id}': {
        get: { summary: 'status, progress and result', parameters: [job], responses: { 200: { description: 'the job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } }, 404: err } },
        delete: { summary: 'cancel', parameters: [job], responses: { 202: { description: 'cancellation requested' }, 404: err } },
      },
      '/v1/jobs/{id}/events': { get: { summary: 'progress as server-sent events (progress, state, done)', parameters: [job], responses: { 200: { description: 'text/event-stream' }, 404: err } } },
      '/healthz': { get: { summary: 'liveness', security: [], responses: { 200: { description: 'ok' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics: jobs by state, products per second', responses: { 200: { description: 'text/plain' } } } },
      '/openapi.json': { get: { summary: 'this document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}
