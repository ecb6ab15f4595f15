/** A `time` column ('HH:MM:SS' from the database) as the service writes times: 'HH:MM'. */
export const clockTime = (time: string | null): string | null => (time === null ? null : time.slice(0, 5))
