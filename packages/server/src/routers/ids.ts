import { Uuid } from '@stageflow/domain';
import { z } from 'zod';

export const ByIdInput = z.strictObject({ id: Uuid });
