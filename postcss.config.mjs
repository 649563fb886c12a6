// Tailwind 4 through PostCSS, the way Next's build picks it up.
export default { plugins: { "@tailwindcss/postcss": {} } };
