import type { RequestHandler } from 'express';
import multer from 'multer';
import { DomainError } from '../domain/errors.js';
import { MAX_IMPORT_BYTES } from '../services/csv-import.js';

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { files: 1, fileSize: MAX_IMPORT_BYTES, fields: 10, fieldSize: 200 * 1024 },
});

/**
 * Reads a multipart form with one CSV file into req.body (`csv` holds the file's text), before
 * CSRF checking, which needs the form's `_csrf` field. Only for a signed-in session: nobody else
 * gets a file held in memory (their request then fails the CSRF check, unread). Other requests
 * pass through untouched.
 */
export function csvUpload(field = 'file'): RequestHandler {
  const single = upload.single(field);
  return (req, res, next) => {
    if (!req.is('multipart/form-data') || !req.session?.userId) return next();
    single(req, res, (error?: unknown) => {
      if (error) {
        const tooLarge = (error as { code?: string }).code === 'LIMIT_FILE_SIZE';
        return next(
          new DomainError(
            'VALIDATION',
            tooLarge
              ? `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`
              : 'The upload could not be read.',
            [{ where: 'file', message: tooLarge ? 'is too large' : 'could not be read' }],
          ),
        );
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (req.file) body.csv = req.file.buffer.toString('utf8');
      req.body = body;
      next();
    });
  };
}
