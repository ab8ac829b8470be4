# φ(i, j): A of r = 8 against A of r = 64, blocks.0.attention.value
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 05-lora-subspace-similarity.gp
set terminal pngcairo size 960,440 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '05-lora-subspace-similarity.png'
set termoption noenhanced
set title 'φ(i, j): A of r = 8 against A of r = 64, blocks.0.attention.value' font ',15'
set xlabel 'j: top directions of A (r = 64)'
set ylabel 'i: of A (r = 8)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set key off
set grid noxtics noytics
set xrange [-0.5:63.5]
set yrange [7.5:-0.5]
set tics scale 0
set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')
set cbrange [0:1]
set xtics ('1' 0, '' 1, '' 2, '' 3, '' 4, '' 5, '' 6, '8' 7, '' 8, '' 9, '' 10, '' 11, '' 12, '' 13, '' 14, '16' 15, '' 16, '' 17, '' 18, '' 19, '' 20, '' 21, '' 22, '24' 23, '' 24, '' 25, '' 26, '' 27, '' 28, '' 29, '' 30, '32' 31, '' 32, '' 33, '' 34, '' 35, '' 36, '' 37, '' 38, '40' 39, '' 40, '' 41, '' 42, '' 43, '' 44, '' 45, '' 46, '48' 47, '' 48, '' 49, '' 50, '' 51, '' 52, '' 53, '' 54, '56' 55, '' 56, '' 57, '' 58, '' 59, '' 60, '' 61, '' 62, '64' 63) rotate by -45
set ytics ('1' 0, '2' 1, '3' 2, '4' 3, '5' 4, '6' 5, '7' 6, '8' 7)
plot '05-lora-subspace-similarity.dat' matrix with image notitle
